/**
 * The worker's API as the pane uses it: a thin layer over the shared client
 * (shared/api/client.ts), which parses every answer with the contract and turns every failure
 * into one ApiError carrying its code. Here the codes become the outcomes the views explain.
 */
import type { Me } from '../../../shared/api/answers';
import type { RollupMember, RollupNode, Submission, SubmissionReceipt } from '../../../shared/api/contract';
import type { RevisionChanges } from '../../../shared/api/revision-changes';
import { ApiError, DuesbookClient, type FetchFn } from '../../../shared/api/client';
import type { AnyErrorCode } from '../../../shared/api/errors';
import type { CommitteeSettings } from '../../../shared/settings';

export { ApiError };
export type { FetchFn };
export type WhoAmI = Me;

/** What the pane does with a failure; each kind has its own words in the views. */
export type ApiErrorKind = 'offline' | 'unauthorized' | 'forbidden' | 'not-found' | 'stale' | 'precondition-required' | 'locked' | 'conflict' | 'invalid' | 'server';

const KIND_OF_CODE: Partial<Record<AnyErrorCode, ApiErrorKind>> = {
  NETWORK_ERROR: 'offline',
  UNAUTHENTICATED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  REVIEW_BY_HIGHER_ORG: 'forbidden',
  NOT_FOUND: 'not-found',
  STALE_REVISION: 'stale',
  PRECONDITION_REQUIRED: 'precondition-required',
  QUARTER_LOCKED: 'locked',
  CONFLICT: 'conflict',
  NOT_A_BRANCH: 'conflict',
  BASELINE_ALREADY_FIXED: 'conflict',
  // Nothing was decided: the outbox keeps these and sends them again.
  INTERNAL: 'server',
  SERVER_UNAVAILABLE: 'server',
  BAD_ANSWER: 'server',
};

/** The pane's outcome of a failure, by its code (a code this pane does not know is a refusal). */
export function errorKind(e: unknown): ApiErrorKind {
  if (!(e instanceof ApiError)) return 'server';
  return KIND_OF_CODE[e.code] ?? 'invalid';
}

export interface ApiClientOptions {
  baseUrl?: string;
  token: string;
  fetch?: FetchFn;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class ApiClient {
  private readonly api: DuesbookClient;

  constructor(opts: ApiClientOptions) {
    this.api = new DuesbookClient(opts);
  }

  /** The shared client itself, for the member's-year calls (shared/api/year-client.ts). */
  get shared(): DuesbookClient {
    return this.api;
  }

  whoAmI(): Promise<WhoAmI> {
    return this.api.me();
  }

  async settings(): Promise<CommitteeSettings> {
    return (await this.api.settings()).settings;
  }

  submit(body: Submission, idempotencyKey: string, ifMatch: string | null): Promise<SubmissionReceipt> {
    return this.api.submit(body, { idempotencyKey, ifMatch });
  }

  /** The branch's latest receipt for a quarter, or null when nothing was submitted yet. */
  /** A branch-quarter's revisions with their reviews (a return's note, by whom, when). */
  history(branch: string, quarter: string) {
    return this.api.history(branch, quarter);
  }

  latestReceipt(branch: string, quarter: string): Promise<SubmissionReceipt | null> {
    return this.api.latestReceipt(branch, quarter);
  }

  rollup(period: string, org?: string): Promise<RollupNode> {
    return this.api.rollup(period, org);
  }

  async branchMembers(period: string, branch: string): Promise<RollupMember[]> {
    return (await this.api.rollupMembers(period, branch)).members;
  }

  /** Confirm or return the revision the reviewer saw (a newer one answers STALE_REVISION). */
  review(branch: string, quarter: string, action: 'confirm' | 'return', revision: number, note: string): Promise<SubmissionReceipt> {
    return this.api.review(branch, quarter, action, note ? { revision, note } : { revision });
  }

  async lock(org: string, quarter: string): Promise<void> {
    await this.api.lock(org, quarter);
  }

  /** What a revision changed against the one before, and the warnings it carried (for review). */
  async reviewFacts(branch: string, quarter: string, revision: number): Promise<{ changes: RevisionChanges; warnings: { code: string; message: string }[] }> {
    const [changes, detail] = await Promise.all([this.api.revisionChanges(branch, quarter, revision), this.api.revision(branch, quarter, revision)]);
    return { changes, warnings: detail.findings.filter((f) => f.severity === 'warning') };
  }

  async unlock(org: string, quarter: string): Promise<void> {
    await this.api.unlock(org, quarter);
  }

  /** A short-lived signed URL of the consolidated workbook, openable without the token. */
  async reportLink(period: string): Promise<string> {
    const { url } = await this.api.reportLink(period);
    return new URL(url, this.api.baseUrl || globalThis.location?.href).toString();
  }

  /** The consolidated workbook's bytes (only a real .xlsx is accepted). */
  async report(period: string, org?: string): Promise<ArrayBuffer> {
    const bytes = await this.api.report(period, org);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}
