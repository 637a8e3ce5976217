/**
 * The worker's API as the pane uses it. Answers are parsed with shared/api/contract.ts; every
 * failure becomes an ApiError whose kind the views turn into plain words.
 */
import { z } from 'zod';
import type { RollupMember, RollupNode, Submission, SubmissionReceipt } from '../../../shared/api/contract';
import { RevisionChangesSchema, type RevisionChanges } from '../../../shared/api/revision-changes';
import { ErrorBodySchema, OrgKindSchema, RoleSchema, RollupMemberSchema, RollupNodeSchema, SubmissionReceiptSchema, SubmittedFindingSchema } from '../../../shared/api/contract';
import { routes } from './routes';

export type ApiErrorKind = 'offline' | 'unauthorized' | 'forbidden' | 'not-found' | 'stale' | 'precondition-required' | 'locked' | 'conflict' | 'invalid' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    readonly code = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const OrgBrief = z.object({ code: z.string(), name: z.string(), kind: OrgKindSchema });
export const WhoAmISchema = z.object({ role: RoleSchema, org: OrgBrief, committee: OrgBrief.optional() });
export type WhoAmI = z.infer<typeof WhoAmISchema>;

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl?: string;
  token: string;
  fetch?: FetchFn;
}

export class ApiClient {
  private readonly base: string;
  private readonly doFetch: FetchFn;

  constructor(private readonly opts: ApiClientOptions) {
    this.base = (opts.baseUrl ?? '').replace(/\/$/, '');
    this.doFetch = opts.fetch ?? ((i, init) => fetch(i, init));
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.opts.token}`);
    if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    let res: Response;
    try {
      res = await this.doFetch(this.base + path, { ...init, headers });
    } catch (e) {
      throw new ApiError('offline', e instanceof Error ? e.message : String(e));
    }
    if (res.ok) return res;
    throw await toApiError(res);
  }

  private async json<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
    const res = await this.request(path, init);
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new ApiError('server', `unexpected answer from ${path}`, res.status);
    return parsed.data;
  }

  whoAmI(): Promise<WhoAmI> {
    return this.json(routes.me(), WhoAmISchema);
  }

  async settings(): Promise<Record<string, unknown>> {
    const v = await this.json(routes.settings(), z.record(z.string(), z.unknown()));
    return (v.settings as Record<string, unknown> | undefined) ?? v;
  }

  submit(body: Submission, idempotencyKey: string, ifMatch: string | null): Promise<SubmissionReceipt> {
    const headers: Record<string, string> = { 'Idempotency-Key': idempotencyKey };
    if (ifMatch) headers['If-Match'] = ifMatch;
    return this.json(routes.submit(), SubmissionReceiptSchema, { method: 'POST', body: JSON.stringify(body), headers });
  }

  /** The branch's latest receipt for a quarter, or null when nothing was submitted yet. */
  async latestReceipt(branch: string, quarter: string): Promise<SubmissionReceipt | null> {
    try {
      return await this.json(routes.branchQuarter(branch, quarter), z.object({ current: SubmissionReceiptSchema }).transform((o) => o.current));
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'not-found') return null;
      throw e;
    }
  }

  rollup(period: string, org?: string): Promise<RollupNode> {
    return this.json(routes.rollup(period, org), RollupNodeSchema);
  }

  branchMembers(period: string, branch: string): Promise<RollupMember[]> {
    return this.json(
      routes.branchMembers(period, branch),
      z.object({ members: z.array(RollupMemberSchema) }).transform((o) => o.members),
    );
  }

  /** Confirm or return the revision the reviewer saw (a newer one answers 412). */
  review(branch: string, quarter: string, action: 'confirm' | 'return', revision: number, note: string): Promise<SubmissionReceipt> {
    const body = note ? { revision, note } : { revision };
    return this.json(routes.review(branch, quarter, action), SubmissionReceiptSchema, { method: 'POST', body: JSON.stringify(body) });
  }

  async lock(org: string, quarter: string): Promise<void> {
    await this.request(routes.lock(org, quarter), { method: 'PUT' });
  }

  /** What a revision changed against the one before, and the warnings it carried (for review). */
  async reviewFacts(branch: string, quarter: string, revision: number): Promise<{ changes: RevisionChanges; warnings: { code: string; message: string }[] }> {
    const [changes, detail] = await Promise.all([
      this.json(routes.revisionChanges(branch, quarter, revision), RevisionChangesSchema),
      this.json(routes.revision(branch, quarter, revision), z.object({ findings: z.array(SubmittedFindingSchema) })),
    ]);
    return { changes, warnings: detail.findings.filter((f) => f.severity === 'warning') };
  }

  async unlock(org: string, quarter: string): Promise<void> {
    await this.request(routes.lock(org, quarter), { method: 'DELETE' });
  }

  /** A short-lived signed URL of the consolidated workbook, openable without the token. */
  async reportLink(period: string): Promise<string> {
    const { url } = await this.json(routes.reportLink(period), z.object({ url: z.string() }), { method: 'POST', body: JSON.stringify({}) });
    return new URL(url, this.base || globalThis.location?.href).toString();
  }

  async report(period: string, org?: string): Promise<Blob> {
    const res = await this.request(routes.report(period, org));
    return res.blob();
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  let code = '';
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = ErrorBodySchema.safeParse(await res.json());
    if (body.success) {
      code = body.data.error.code;
      message = body.data.error.message;
    }
  } catch {
    // Not JSON: keep the status text.
  }
  const kind: ApiErrorKind =
    res.status === 401
      ? 'unauthorized'
      : res.status === 403
        ? 'forbidden'
        : res.status === 404
          ? 'not-found'
          : res.status === 412
            ? 'stale'
            : res.status === 428
              ? 'precondition-required'
              : res.status === 423 || /lock/i.test(code)
                ? 'locked'
                : res.status === 409
                  ? 'conflict'
                  : res.status >= 500
                    ? 'server'
                    : 'invalid';
  return new ApiError(kind, message, res.status, code);
}
