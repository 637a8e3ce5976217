/**
 * The one client of the Duesbook API, for the pane, the command line and the worker's tests.
 * Every answer is parsed with the contract (contract.ts, answers.ts); every failure is one
 * ApiError carrying the code (errors.ts), the HTTP status and the details. Callers branch on the
 * code, never on the status or the message.
 *
 * Runs wherever fetch does (browser, Node, workerd): `fetch` is injectable, and the types below
 * are the little of fetch this needs, since shared/ sees no DOM or Node types.
 */
import { z } from 'zod';
import {
  ErrorBodySchema, RollupNodeSchema, SubmissionReceiptSchema,
  type RollupNode, type Submission, type SubmissionReceipt,
} from './contract';
import {
  AuditEventSchema, AuditVerifySchema, CrossBranchChecksSchema, HistorySchema, IssuedTokenSchema, LockInfoSchema, MeSchema,
  OrgSchema, OrgTreeSchema, ReportLinkSchema, RevisionDetailSchema, RollupMembersAnswerSchema, SettingsAnswerSchema,
  TokenInfoSchema, UnlockedSchema,
} from './answers';
import type { AnyErrorCode } from './errors';
import type { CreateOrgRequest, IssueTokenRequest, LockRequest, PatchOrgRequest, ReportLinkRequest, ReviewAction, ReviewRequest } from './requests';
import { RevisionChangesSchema } from './revision-changes';

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
export interface FetchResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}
export type FetchFn = (url: string, init?: FetchInit) => Promise<FetchResponse>;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: AnyErrorCode,
    message: string,
    /** The HTTP status; 0 when no answer came. */
    readonly status = 0,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The worker's paths, in one place (worker/src/app.ts and its routers are the authority). */
const e = encodeURIComponent;
const orgQuery = (org?: string) => (org ? `?org=${e(org)}` : '');
export const paths = {
  me: () => '/api/me',
  settings: () => '/api/settings',
  submissions: (quarter: string, org?: string) => `/api/submissions?quarter=${e(quarter)}${org ? `&org=${e(org)}` : ''}`,
  submit: () => '/api/submissions',
  branchQuarter: (branch: string, quarter: string) => `/api/submissions/${e(branch)}/${e(quarter)}`,
  revision: (branch: string, quarter: string, revision: number) => `/api/submissions/${e(branch)}/${e(quarter)}/revisions/${revision}`,
  revisionChanges: (branch: string, quarter: string, revision: number) => `/api/submissions/${e(branch)}/${e(quarter)}/revisions/${revision}/changes`,
  review: (branch: string, quarter: string, action: ReviewAction) => `/api/submissions/${e(branch)}/${e(quarter)}/${action}`,
  rollup: (period: string, org?: string) => `/api/rollups/${e(period)}${orgQuery(org)}`,
  branchMembers: (period: string, branch: string) => `/api/rollups/${e(period)}/members?org=${e(branch)}`,
  crossChecks: (quarter: string, org?: string) => `/api/rollups/${e(quarter)}/checks${orgQuery(org)}`,
  locks: (quarter: string) => `/api/locks?quarter=${e(quarter)}`,
  lock: (org: string, quarter: string) => `/api/locks/${e(org)}/${e(quarter)}`,
  reportLink: (period: string) => `/api/reports/${e(period)}/link`,
  report: (period: string, org?: string) => `/api/reports/${e(period)}.xlsx${orgQuery(org)}`,
  orgs: () => '/api/orgs',
  org: (code: string) => `/api/orgs/${e(code)}`,
  tokens: () => '/api/tokens',
  token: (id: number) => `/api/tokens/${id}`,
  audit: (after = 0, limit = 200) => `/api/audit?after=${after}&limit=${limit}`,
  auditVerify: () => '/api/audit/verify',
};

export interface ClientOptions {
  /** The server's origin (and any path prefix); '' for the page's own origin. */
  baseUrl?: string;
  /** The bearer token; without it requests go unauthenticated (the server answers 401). */
  token?: string;
  fetch?: FetchFn;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer<T> {
  data: T;
  status: number;
  headers: FetchResponse['headers'];
}

/** Headers for a submission: the same Idempotency-Key on every retry, If-Match once a revision exists. */
export interface SubmitOptions {
  idempotencyKey: string;
  /** The etag (or revision number) being replaced; omit for the quarter's first submission. */
  ifMatch?: string | null;
}

/** The first bytes of every .xlsx (a zip): "PK\x03\x04". */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export class DuesbookClient {
  readonly baseUrl: string;
  private readonly doFetch: FetchFn;

  constructor(private readonly opts: ClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? '').replace(/\/+$/, '');
    // Called as a method of the global object, as browsers require of fetch.
    const host = globalThis as { fetch?: FetchFn };
    this.doFetch = opts.fetch ?? ((url, init) => {
      if (!host.fetch) throw new Error('this runtime has no fetch');
      return host.fetch(url, init);
    });
  }

  /** One round trip: the answer when it is a success, else the ApiError its body (or its absence) says. */
  async send(method: string, path: string, o: RequestOptions = {}): Promise<FetchResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
    if (this.opts.token) headers.Authorization = `Bearer ${this.opts.token}`;
    const init: FetchInit = { method, headers };
    if (o.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      init.body = JSON.stringify(o.body);
    }
    let res: FetchResponse;
    try {
      res = await this.doFetch(this.baseUrl + path, init);
    } catch (err) {
      const cause = err instanceof Error ? (err.cause as Error | undefined) : undefined;
      const why = err instanceof Error ? err.message + (cause?.message ? ` (${cause.message})` : '') : String(err);
      throw new ApiError('NETWORK_ERROR', why, 0, undefined, { cause: err });
    }
    if (res.ok) return res;
    throw await errorOf(res);
  }

  /** A JSON answer, parsed with `schema`; anything else is BAD_ANSWER. */
  async request<T>(method: string, path: string, schema: z.ZodType<T>, o: RequestOptions = {}): Promise<Answer<T>> {
    const res = await this.send(method, path, o);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError('BAD_ANSWER', `the answer from ${method} ${path} is not JSON`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ApiError('BAD_ANSWER', `unexpected answer from ${method} ${path}: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`, res.status, issues);
    }
    return { data: parsed.data, status: res.status, headers: res.headers };
  }

  private async data<T>(method: string, path: string, schema: z.ZodType<T>, o?: RequestOptions): Promise<T> {
    return (await this.request(method, path, schema, o)).data;
  }

  me() { return this.data('GET', paths.me(), MeSchema); }
  settings() { return this.data('GET', paths.settings(), SettingsAnswerSchema); }

  submit(s: Submission, o: SubmitOptions): Promise<SubmissionReceipt> {
    const headers: Record<string, string> = { 'Idempotency-Key': o.idempotencyKey };
    if (o.ifMatch) headers['If-Match'] = o.ifMatch;
    return this.data('POST', paths.submit(), SubmissionReceiptSchema, { body: s, headers });
  }
  /** Latest revision of each branch of the subtree (or of `org`'s) for a quarter. */
  submissions(quarter: string, org?: string) { return this.data('GET', paths.submissions(quarter, org), z.array(SubmissionReceiptSchema)); }
  history(branch: string, quarter: string) { return this.data('GET', paths.branchQuarter(branch, quarter), HistorySchema); }
  /** The branch's latest receipt for a quarter, or null when nothing was submitted yet. */
  async latestReceipt(branch: string, quarter: string): Promise<SubmissionReceipt | null> {
    try {
      return (await this.history(branch, quarter)).current;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }
  revision(branch: string, quarter: string, revision: number) { return this.data('GET', paths.revision(branch, quarter, revision), RevisionDetailSchema); }
  /** What a revision changed against the one before it (members in and out, amounts). */
  revisionChanges(branch: string, quarter: string, revision: number) { return this.data('GET', paths.revisionChanges(branch, quarter, revision), RevisionChangesSchema); }
  /** Confirm or return the revision the reviewer saw (a newer one answers STALE_REVISION). */
  review(branch: string, quarter: string, action: ReviewAction, body: ReviewRequest) {
    return this.data('POST', paths.review(branch, quarter, action), SubmissionReceiptSchema, { body });
  }

  rollup(period: string, org?: string): Promise<RollupNode> { return this.data('GET', paths.rollup(period, org), RollupNodeSchema); }
  rollupMembers(period: string, branch: string) { return this.data('GET', paths.branchMembers(period, branch), RollupMembersAnswerSchema); }
  crossChecks(quarter: string, org?: string) { return this.data('GET', paths.crossChecks(quarter, org), CrossBranchChecksSchema); }

  locks(quarter: string) { return this.data('GET', paths.locks(quarter), z.array(LockInfoSchema)); }
  lock(org: string, quarter: string, body?: LockRequest) {
    return this.data('PUT', paths.lock(org, quarter), LockInfoSchema, body === undefined ? {} : { body });
  }
  unlock(org: string, quarter: string) { return this.data('DELETE', paths.lock(org, quarter), UnlockedSchema); }

  reportLink(period: string, body: ReportLinkRequest = {}) { return this.data('POST', paths.reportLink(period), ReportLinkSchema, { body }); }
  /** The consolidated workbook of a period (leader or finance), as .xlsx bytes; anything else is BAD_ANSWER. */
  async report(period: string, org?: string): Promise<Uint8Array> {
    const res = await this.send('GET', paths.report(period, org), { headers: { Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A proxy's or portal's page can answer 200 too: only a zip is the workbook.
    if (!isZip(bytes)) throw new ApiError('BAD_ANSWER', `the server answered ${res.headers.get('Content-Type') ?? 'something'} that is not an .xlsx file`, res.status);
    return bytes;
  }

  orgs() { return this.data('GET', paths.orgs(), OrgTreeSchema); }
  org(code: string) { return this.data('GET', paths.org(code), OrgTreeSchema); }
  createOrg(body: CreateOrgRequest) { return this.data('POST', paths.orgs(), OrgSchema, { body }); }
  patchOrg(code: string, body: PatchOrgRequest) { return this.data('PATCH', paths.org(code), OrgSchema, { body }); }

  tokens() { return this.data('GET', paths.tokens(), z.array(TokenInfoSchema)); }
  issueToken(body: IssueTokenRequest) { return this.data('POST', paths.tokens(), IssuedTokenSchema, { body }); }
  revokeToken(id: number) { return this.data('DELETE', paths.token(id), TokenInfoSchema); }

  audit(after?: number, limit?: number) { return this.data('GET', paths.audit(after, limit), z.array(AuditEventSchema)); }
  auditVerify() { return this.data('GET', paths.auditVerify(), AuditVerifySchema); }
}

/** A failed answer → its ApiError: the worker's error shape when it is there, else what the status says. */
async function errorOf(res: FetchResponse): Promise<ApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // An answer that breaks off: nothing to read.
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = ErrorBodySchema.safeParse(json);
  if (body.success) return new ApiError(body.data.error.code, body.data.error.message, res.status, body.data.error.details);
  const said = res.statusText || text.slice(0, 200) || `HTTP ${res.status}`;
  // Not the worker speaking (a gateway, a proxy, a wrong URL).
  return new ApiError(res.status >= 500 ? 'SERVER_UNAVAILABLE' : 'BAD_ANSWER', `HTTP ${res.status}: ${said}`, res.status);
}
