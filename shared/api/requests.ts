/**
 * Bodies the clients send, beyond the Submission (contract.ts). The clients build them with
 * these types; the worker validates with its own schemas in the worker's route files (the same fields:
 * moving those schemas here is left until the worker's validation work has landed, see
 * /work/notes/issue-11.md).
 */
import type { Role } from './contract';

/** POST /api/orgs (admin). */
export interface CreateOrgRequest {
  code: string;
  name: string;
  kind: '党总支' | '党支部';
  parentCode: string;
}

/** PATCH /api/orgs/{code} (admin): at least one of the two. */
export interface PatchOrgRequest {
  name?: string;
  parentCode?: string;
}

/** POST /api/tokens (admin). */
export interface IssueTokenRequest {
  orgCode: string;
  role: Role;
  label?: string;
}

/** POST /api/submissions/{branch}/{quarter}/confirm|return (finance): the revision seen; a return needs a note. */
export interface ReviewRequest {
  revision: number;
  note?: string;
}

/** PUT /api/locks/{org}/{quarter} (finance, admin). */
export interface LockRequest {
  note?: string;
}

/** POST /api/reports/{period}/link: a narrower org, and 1–60 minutes (default 10). */
export interface ReportLinkRequest {
  org?: string;
  minutes?: number;
}

export type ReviewAction = 'confirm' | 'return';
