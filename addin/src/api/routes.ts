/** The worker's paths the pane calls, in one place (worker/src/app.ts + routes/ are the authority). */
const e = encodeURIComponent;
export const routes = {
  me: () => '/api/me',
  settings: () => '/api/settings',
  submit: () => '/api/submissions',
  branchQuarter: (branch: string, quarter: string) => `/api/submissions/${e(branch)}/${e(quarter)}`,
  rollup: (period: string, org?: string) => `/api/rollups/${e(period)}${org ? `?org=${e(org)}` : ''}`,
  branchMembers: (period: string, branch: string) => `/api/rollups/${e(period)}/members?org=${e(branch)}`,
  review: (branch: string, quarter: string, action: 'confirm' | 'return') => `/api/submissions/${e(branch)}/${e(quarter)}/${action}`,
  revision: (branch: string, quarter: string, revision: number) => `/api/submissions/${e(branch)}/${e(quarter)}/revisions/${revision}`,
  revisionChanges: (branch: string, quarter: string, revision: number) => `/api/submissions/${e(branch)}/${e(quarter)}/revisions/${revision}/changes`,
  lock: (org: string, quarter: string) => `/api/locks/${e(org)}/${e(quarter)}`,
  reportLink: (period: string) => `/api/reports/${e(period)}/link`,
  report: (period: string, org?: string) => `/api/reports/${e(period)}.xlsx${org ? `?org=${e(org)}` : ''}`,
};
