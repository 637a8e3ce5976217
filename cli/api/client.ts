/**
 * A small typed client of the Duesbook API for the command line (and any other host with fetch).
 * Every answer is either { ok: true, data } or { ok: false, error } in the server's error shape.
 */
import type { Role, RollupNode, Submission, SubmissionReceipt } from '../../shared/api/contract';
import type { CommitteeSettings } from '../../shared/settings';

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T; headers: Headers }
  | { ok: false; status: number; error: ApiError; headers: Headers };

export interface Me {
  role: Role;
  org: { code: string; name: string; kind: string };
  committee: { code: string; name: string; kind: string };
}

export interface OrgTree {
  code: string;
  name: string;
  kind: string;
  children: OrgTree[];
}

export interface TokenInfo {
  id: number;
  orgCode: string;
  role: Role;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface SubmissionHistory {
  current: SubmissionReceipt;
  revisions: { revision: number; etag: string; receivedAt: string; totals: SubmissionReceipt['totals']; reviews: { action: string; note: string | null; at: string }[] }[];
}

export class DuesbookClient {
  private readonly base: string;
  constructor(server: string, private readonly token: string, private readonly fetchImpl: typeof fetch = fetch) {
    this.base = server.replace(/\/+$/, '');
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    const h: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const res = await this.fetchImpl(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.ok && body === undefined && method === 'GET' && !(res.headers.get('Content-Type') ?? '').includes('json')) {
      // A file (the consolidated workbook): hand back the bytes untouched.
      return { ok: true, status: res.status, data: new Uint8Array(await res.arrayBuffer()) as T, headers: res.headers };
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (res.ok) return { ok: true, status: res.status, data: parsed as T, headers: res.headers };
    const err = (parsed as { error?: ApiError } | null)?.error;
    return {
      ok: false,
      status: res.status,
      headers: res.headers,
      error: err && typeof err.code === 'string' ? err : { code: `HTTP_${res.status}`, message: res.statusText || text.slice(0, 200) },
    };
  }

  me() { return this.request<Me>('GET', '/api/me'); }
  settings() { return this.request<{ committee: string; settings: CommitteeSettings }>('GET', '/api/settings'); }

  submit(s: Submission, opts: { idempotencyKey: string; ifMatch?: string }) {
    const headers: Record<string, string> = { 'Idempotency-Key': opts.idempotencyKey };
    if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
    return this.request<SubmissionReceipt>('POST', '/api/submissions', s, headers);
  }
  history(branch: string, quarter: string) {
    return this.request<SubmissionHistory>('GET', `/api/submissions/${encodeURIComponent(branch)}/${encodeURIComponent(quarter)}`);
  }
  review(branch: string, quarter: string, action: 'confirm' | 'return', revision: number, note?: string) {
    return this.request<SubmissionReceipt>('POST', `/api/submissions/${encodeURIComponent(branch)}/${encodeURIComponent(quarter)}/${action}`, { revision, note });
  }
  /** The consolidated workbook of a period (leader or finance), as .xlsx bytes. */
  report(period: string, org?: string) {
    return this.request<Uint8Array>('GET', `/api/reports/${encodeURIComponent(period)}.xlsx${org ? `?org=${encodeURIComponent(org)}` : ''}`);
  }
  rollup(period: string, org?: string) {
    return this.request<RollupNode>('GET', `/api/rollups/${encodeURIComponent(period)}${org ? `?org=${encodeURIComponent(org)}` : ''}`);
  }

  orgs() { return this.request<OrgTree>('GET', '/api/orgs'); }
  createOrg(o: { code: string; name: string; kind: '党总支' | '党支部'; parentCode: string }) {
    return this.request<{ code: string; name: string; kind: string; parentCode: string | null }>('POST', '/api/orgs', o);
  }
  tokens() { return this.request<TokenInfo[]>('GET', '/api/tokens'); }
  issueToken(t: { orgCode: string; role: Role; label?: string }) { return this.request<TokenInfo & { token: string }>('POST', '/api/tokens', t); }
  revokeToken(id: number) { return this.request<TokenInfo>('DELETE', `/api/tokens/${id}`); }
}

/** Server and token from flags, else DUESBOOK_SERVER / DUESBOOK_TOKEN. */
export function connection(flags: { server?: string; token?: string }, env: Record<string, string | undefined>): { server: string; token: string } | { missing: string } {
  const server = flags.server ?? env.DUESBOOK_SERVER;
  const token = flags.token ?? env.DUESBOOK_TOKEN;
  if (!server) return { missing: 'no server: pass --server URL or set DUESBOOK_SERVER' };
  if (!token) return { missing: 'no token: pass --token TOKEN or set DUESBOOK_TOKEN' };
  return { server, token };
}
