/**
 * Test helpers for the worker: seed a committee into this file's D1, call the worker through
 * its real fetch handler, and build valid (or deliberately broken) quarter submissions.
 */
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/src/index';
import { DuesbookClient, type FetchFn } from '../../shared/api/client';
import type { Role, Submission, SubmissionMember } from '../../shared/api/contract';
import { checkCharacter } from '../../shared/idcard';
import { quarterMonths } from '../../shared/quarter';
import { DEFAULT_SETTINGS, type CommitteeSettings } from '../../shared/settings';
import { monthlyDue } from '../../shared/standard';
import { applyPlan, planCommittee, type OrgSpec, type TokenSpec } from '../../worker/seed/committee';

export const BASE = 'https://duesbook.test';

export interface Seeded {
  tokens: Record<string, string>;
  orgIds: Map<string, number>;
}

/** Seeds a committee; tokens are keyed "role@ORG" (e.g. "clerk@JT-01"). */
export async function seed(tree: OrgSpec, tokens: TokenSpec[], firstId?: number): Promise<Seeded> {
  const start = firstId ?? ((await env.DB.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS n FROM orgs').first<{ n: number }>())?.n ?? 1);
  const plan = await planCommittee(tree, tokens, start);
  await applyPlan(env.DB, plan);
  return { tokens: Object.fromEntries(plan.tokens.map((t) => [`${t.role}@${t.orgCode}`, t.token])), orgIds: plan.orgIds };
}

/** Every role at every org of a tree (clerks only at branches). */
export function everyRole(tree: OrgSpec): TokenSpec[] {
  const out: TokenSpec[] = [];
  const walk = (o: OrgSpec) => {
    const roles: Role[] = o.kind === '党支部' ? ['clerk', 'finance', 'leader', 'admin'] : ['finance', 'leader', 'admin'];
    for (const role of roles) out.push({ orgCode: o.code, role });
    (o.children ?? []).forEach(walk);
  };
  walk(tree);
  return out;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

interface CallOpts {
  token?: string;
  body?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read into JSON answers freely
export async function call<T = any>(method: string, path: string, opts: CallOpts = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  // The worker's own fetch handler, called in this isolate: going through exports/SELF counts
  // each call as a subrequest of the test, and long matrices stall past about a thousand.
  const ctx = createExecutionContext();
  const req = new Request(`${BASE}${path}`, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  const res = await worker.fetch(req as Parameters<typeof worker.fetch>[0], env, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** The worker's fetch handler in this isolate, as call() uses it. */
async function workerFetch(req: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req as Parameters<typeof worker.fetch>[0], env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The shared API client (shared/api/client.ts) talking to this worker: answers parsed with the contract. */
export function api(token?: string): DuesbookClient {
  const fetch: FetchFn = (url, init) => workerFetch(new Request(url, init));
  return new DuesbookClient({ baseUrl: BASE, fetch, ...(token ? { token } : {}) });
}

/** A valid 18-character ID, distinct for each n (region 110105, varied birth date and sequence). */
export function validId(n: number): string {
  const year = 1950 + (n % 50);
  const month = (Math.floor(n / 50) % 12) + 1;
  const day = (Math.floor(n / 600) % 28) + 1;
  const seq = Math.floor(n / 16800) % 1000;
  const first17 = `110105${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export interface MemberOpts {
  n: number;
  name?: string;
  category?: SubmissionMember['category'];
  memberClass?: SubmissionMember['memberClass'];
  baseFen?: number | null;
  /** Paid per month: 'full' (= due), or a fixed amount. */
  paid?: 'full' | number;
  unpaidStreak?: number;
  transferNote?: string;
  joinDate?: string;
}

export function member(quarter: string, o: MemberOpts, settings: CommitteeSettings = DEFAULT_SETTINGS): SubmissionMember {
  const category = o.category ?? '在职';
  const baseFen = o.baseFen === undefined ? (category === '在职' || category === '离退休' || category === '年薪制' || category === '个体' ? 500000 + o.n * 1001 : null) : o.baseFen;
  const months = quarterMonths(quarter).map((month) => {
    const d = monthlyDue({ category, baseFen, month }, settings);
    const dueFen = d.kind === 'rate' || d.kind === 'flat' ? d.dueFen : 0;
    const paidFen = o.paid === undefined || o.paid === 'full' ? dueFen : o.paid;
    return { month, baseFen, dueFen, paidFen, largeFen: 0 };
  });
  return {
    name: o.name ?? `党员${o.n}`,
    idNumber: validId(o.n),
    memberClass: o.memberClass ?? '正式党员',
    standing: category === '停止党籍' ? '停止党籍' : '正常',
    category,
    joinDate: o.joinDate ?? '2000-07-01',
    months,
    unpaidStreak: o.unpaidStreak ?? (o.paid === 0 ? 3 : 0),
    ...(o.transferNote ? { transferNote: o.transferNote } : {}),
  };
}

export function submission(quarter: string, members: SubmissionMember[], extra: Partial<Submission> = {}): Submission {
  let dueFen = 0;
  let paidFen = 0;
  for (const m of members) for (const mo of m.months) {
    dueFen += mo.dueFen;
    paidFen += mo.paidFen;
  }
  const [, , last] = quarterMonths(quarter);
  // Not after today: the server refuses a report date in the future.
  const today = new Date().toISOString().slice(0, 10);
  const reportDate = `${last}-28` < today ? `${last}-28` : today;
  return { quarter, reportDate, members, findings: [], totals: { members: members.length, dueFen, paidFen }, ...extra };
}

/** n members numbered from `from`, all salaried and fully paid unless `opts` says otherwise. */
export function members(quarter: string, from: number, count: number, opts: Omit<MemberOpts, 'n'> = {}): SubmissionMember[] {
  return Array.from({ length: count }, (_, i) => member(quarter, { ...opts, n: from + i }));
}

/** Row counts of every table a submission writes: "nothing changed" means these are equal. */
export async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['submissions', 'submission_members', 'branch_quarters', 'idempotency', 'audit_events', 'reviews', 'locks', 'orgs', 'tokens'];
  const rs = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  return Object.fromEntries(tables.map((t, i) => [t, (rs[i]?.results[0] as { n: number }).n]));
}

export const JT_TREE: OrgSpec = {
  code: 'JT', name: '中共某市交通运输局委员会', kind: '党委',
  children: [
    { code: 'JT-ZZ1', name: '机关党总支', kind: '党总支', children: [
      { code: 'JT-ZZ1-01', name: '机关第一党支部', kind: '党支部' },
      { code: 'JT-ZZ1-02', name: '机关第二党支部', kind: '党支部' },
    ] },
    { code: 'JT-ZZ2', name: '路政养护党总支', kind: '党总支', children: [
      { code: 'JT-ZZ2-01', name: '路政支队党支部', kind: '党支部' },
      { code: 'JT-ZZ2-02', name: '养护中心党支部', kind: '党支部' },
      { code: 'JT-ZZ2-03', name: '离退休党支部', kind: '党支部' },
    ] },
    { code: 'JT-01', name: '运输管理处党支部', kind: '党支部' },
  ],
};
