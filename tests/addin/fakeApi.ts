/** A scripted worker for component tests: a fetch function that answers by method and path. */
import type { RollupNode, SubmissionReceipt } from '../../shared/api/contract';

export interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Handler = (req: Seen) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

export class FakeApi {
  seen: Seen[] = [];
  offline = false;
  routes: { method: string; path: RegExp; handler: Handler }[] = [];

  on(method: string, path: RegExp, handler: Handler): this {
    this.routes.unshift({ method, path, handler });
    return this;
  }

  fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const seen: Seen = { method, path: input, headers, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    this.seen.push(seen);
    if (this.offline) throw new TypeError('Failed to fetch');
    const r = this.routes.find((x) => x.method === method && x.path.test(input));
    if (!r) return apiError(404, 'NOT_FOUND', `no route ${method} ${input}`);
    return r.handler(seen);
  };
}

export const TOKENS = { clerk: 'clerk-token', finance: 'finance-token', leader: 'leader-token', admin: 'admin-token', bad: 'revoked' };

export function whoAmI(api: FakeApi): FakeApi {
  return api.on('GET', /^\/api\/me$/, (req) => {
    const auth = req.headers.get('Authorization');
    if (auth === `Bearer ${TOKENS.clerk}`) return json({ role: 'clerk', org: { code: 'ZB1', name: '第一党支部', kind: '党支部' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } });
    if (auth === `Bearer ${TOKENS.finance}`) return json({ role: 'finance', org: { code: 'JT', name: '集团党委', kind: '党委' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } });
    if (auth === `Bearer ${TOKENS.leader}`) return json({ role: 'leader', org: { code: 'JT', name: '集团党委', kind: '党委' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } });
    if (auth === `Bearer ${TOKENS.admin}`) return json({ role: 'admin', org: { code: 'JT', name: '集团党委', kind: '党委' }, committee: { code: 'JT', name: '集团党委', kind: '党委' } });
    return apiError(401, 'UNAUTHENTICATED', 'unknown token');
  }).on('GET', /^\/api\/settings$/, () => json({ committee: 'JT', settings: {} }));
}

export function receipt(revision: number, over: Partial<SubmissionReceipt> = {}): SubmissionReceipt {
  return {
    branchCode: 'ZB1', quarter: '2026Q3', revision, status: 'submitted', etag: `"r${revision}"`, receivedAt: '2026-09-30T10:00:00Z',
    totals: { members: 6, dueFen: 72000, paidFen: 72000 }, ...over,
  };
}

const figures = (due: number, paid: number, submitted: number, total: number) => ({
  members: { formal: 6, probationary: 0 }, byCategory: { 在职: 6 }, dueFen: due, paidFen: paid, arrearsFen: due - paid,
  membersInArrears: due > paid ? 1 : 0, membersSixMonthArrears: 0, collectionRateBp: due ? Math.round((paid / due) * 10000) : null,
  branches: { total, submitted, confirmed: 0, missing: total - submitted },
});

export function rollupTree(status: 'submitted' | 'confirmed' | null = 'submitted'): RollupNode {
  const branch = (code: string, name: string, st: typeof status, rev: number | null): RollupNode => ({
    org: { code, name, kind: '党支部' }, period: '2026Q3', figures: figures(st ? 72000 : 0, st ? 70000 : 0, st ? 1 : 0, 1),
    status: st, revision: rev, locked: false, children: [],
  });
  return {
    org: { code: 'JT', name: '集团党委', kind: '党委' }, period: '2026Q3', figures: figures(72000, 70000, 1, 2), status: null, revision: null, locked: false,
    children: [{
      org: { code: 'ZZ1', name: '第一党总支', kind: '党总支' }, period: '2026Q3', figures: figures(72000, 70000, 1, 2), status: null, revision: null, locked: false,
      children: [branch('ZB1', '第一党支部', status, status ? 2 : null), branch('ZB2', '第二党支部', null, null)],
    }],
  };
}
