/**
 * Seeding a committee (organisation tree + tokens + settings) straight into D1: used by
 * `npm start` for the demo 党委, by `duesbook admin bootstrap` for a new committee's first admin
 * token, by the bench, and by the worker tests. Runs in Node (via tsx) and in workerd.
 */
import type { OrgKind, Role } from '../../shared/api/contract';
import { newToken, sha256Hex } from '../src/crypto';

export interface OrgSpec {
  code: string;
  name: string;
  kind: OrgKind;
  children?: OrgSpec[];
}

export interface TokenSpec {
  orgCode: string;
  role: Role;
  label?: string;
  /** A fixed secret (tests); otherwise a fresh random one. */
  token?: string;
}

export interface Statement {
  sql: string;
  params: (string | number | null)[];
}

export interface SeedPlan {
  statements: Statement[];
  tokens: (TokenSpec & { token: string })[];
  orgIds: Map<string, number>;
}

/**
 * Rows for a whole tree, ids from `firstId` on (give the next free id when the database already
 * holds committees). The root must be a 党委.
 */
export async function planCommittee(tree: OrgSpec, tokens: TokenSpec[], firstId = 1, at = new Date().toISOString()): Promise<SeedPlan> {
  if (tree.kind !== '党委') throw new Error('the root of a committee is a 党委');
  const statements: Statement[] = [];
  const orgIds = new Map<string, number>();
  let next = firstId;
  const rootId = firstId;
  const walk = (o: OrgSpec, parentId: number | null, parentPath: string) => {
    const id = next++;
    const path = `${parentPath}${id}/`;
    orgIds.set(o.code, id);
    statements.push({
      sql: 'INSERT INTO orgs (id, code, name, kind, parent_id, root_id, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      params: [id, o.code, o.name, o.kind, parentId, rootId, path, at],
    });
    for (const c of o.children ?? []) walk(c, id, path);
  };
  walk(tree, null, '/');
  const issued: SeedPlan['tokens'] = [];
  for (const t of tokens) {
    const orgId = orgIds.get(t.orgCode);
    if (orgId === undefined) throw new Error(`token for unknown org ${t.orgCode}`);
    const token = t.token ?? newToken();
    statements.push({
      sql: 'INSERT INTO tokens (hash, org_id, role, label, created_at) VALUES (?, ?, ?, ?, ?)',
      params: [await sha256Hex(token), orgId, t.role, t.label ?? `${t.role} ${t.orgCode}`, at],
    });
    issued.push({ ...t, token });
  }
  return { statements, tokens: issued, orgIds };
}

/** The plan as one SQL script (literals inlined) for `wrangler d1 execute --file`. */
export function planToSql(plan: SeedPlan): string {
  const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);
  return plan.statements
    .map((s) => {
      let i = 0;
      return `${s.sql.replace(/\?/g, () => lit(s.params[i++] ?? null))};`;
    })
    .join('\n');
}

/** Structural, so this module also type-checks outside workerd (the command line imports it). */
interface BatchDb<S> {
  prepare(sql: string): { bind(...values: (string | number | null)[]): S };
  batch(statements: S[]): Promise<unknown>;
}

export async function applyPlan<S>(db: BatchDb<S>, plan: SeedPlan): Promise<void> {
  await db.batch(plan.statements.map((s) => db.prepare(s.sql).bind(...s.params)));
}

/** The demo committee of `npm start`: the shape of ../shared/fixtures/committee/org.json. */
export const DEMO_COMMITTEE: OrgSpec = {
  code: 'JT',
  name: '中共某市交通运输局委员会',
  kind: '党委',
  children: [
    {
      code: 'JT-ZZ1', name: '机关党总支', kind: '党总支',
      children: [
        { code: 'JT-ZZ1-01', name: '机关第一党支部', kind: '党支部' },
        { code: 'JT-ZZ1-02', name: '机关第二党支部', kind: '党支部' },
      ],
    },
    {
      code: 'JT-ZZ2', name: '路政养护党总支', kind: '党总支',
      children: [
        { code: 'JT-ZZ2-01', name: '路政支队党支部', kind: '党支部' },
        { code: 'JT-ZZ2-02', name: '养护中心党支部', kind: '党支部' },
        { code: 'JT-ZZ2-03', name: '离退休党支部', kind: '党支部' },
      ],
    },
    { code: 'JT-01', name: '运输管理处党支部', kind: '党支部' },
  ],
};

/** One token per role for the demo: admin, finance and leader at the 党委, a clerk per branch. */
export function demoTokens(tree: OrgSpec = DEMO_COMMITTEE): TokenSpec[] {
  const branches: string[] = [];
  const walk = (o: OrgSpec) => {
    if (o.kind === '党支部') branches.push(o.code);
    (o.children ?? []).forEach(walk);
  };
  walk(tree);
  return [
    { orgCode: tree.code, role: 'admin', label: 'demo admin' },
    { orgCode: tree.code, role: 'finance', label: 'demo finance' },
    { orgCode: tree.code, role: 'leader', label: 'demo leader' },
    ...branches.map((b) => ({ orgCode: b, role: 'clerk' as const, label: `demo clerk ${b}` })),
  ];
}
