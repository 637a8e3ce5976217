/** The worker's paths the pane calls, in one place (worker/src/routes is the authority). */
export const routes = {
  me: () => '/api/me',
  settings: () => '/api/settings',
  submit: () => '/api/submissions',
  latestSubmission: (quarter: string) => `/api/submissions/${encodeURIComponent(quarter)}`,
  rollup: (period: string) => `/api/rollups/${encodeURIComponent(period)}`,
  branchMembers: (period: string, branch: string) => `/api/rollups/${encodeURIComponent(period)}/branches/${encodeURIComponent(branch)}/members`,
  review: (branch: string, quarter: string, action: 'confirm' | 'return') =>
    `/api/reviews/${encodeURIComponent(branch)}/${encodeURIComponent(quarter)}/${action}`,
  lock: (quarter: string) => `/api/locks/${encodeURIComponent(quarter)}`,
  report: (period: string) => `/api/reports/${encodeURIComponent(period)}.xlsx`,
};
