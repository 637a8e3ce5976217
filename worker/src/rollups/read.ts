/**
 * Reading roll-ups from the precomputed branch-quarter rows: O(orgs + branches) per request,
 * never member rows. Also the member drill-down and the cross-branch checks, which do read
 * member rows (of the counted revisions only: the latest submitted or confirmed). Exported for the report routes too.
 */
import type { RollupMember, RollupNode } from '../../../shared/api/contract';
import { yearOfBranch, type BranchFigures, type BranchStatus } from '../../../shared/rollup/figures';
import { buildRollupTree, type BranchState } from '../../../shared/rollup/tree';
import { addQuarters, quarterEnd } from '../../../shared/quarter';
import type { Auth, OrgRow } from '../env';
import { nest, pathIds } from '../orgs';
import { figuresOf, type BranchQuarterRow } from './branch-quarters';
import { scrubIds } from '../submissions/rows';
import { markMoneyGoingUp } from '../remittances/rollup';
import { readAdjustments, type Adjustments } from '../approvals/effects';

const ORG_COLS = 'id, code, name, kind, parent_id, root_id, path';

export function periodQuarters(period: string): string[] {
  return /^\d{4}$/.test(period) ? [1, 2, 3, 4].map((n) => `${period}Q${n}`) : [period];
}

/** The stored figures, with what confirmed approvals and transfers-in take off the arrears (approvals/effects.ts). */
function adjustedFigures(row: BranchQuarterRow, adj: Adjustments): BranchFigures {
  const a = adj.byBranchQuarter.get(`${row.org_id}|${row.quarter}`);
  const f = figuresOf(row);
  return {
    ...f, arrearsFen: f.arrearsFen - (a?.approvedFen ?? 0), inArrears: f.inArrears - (a?.cleared.size ?? 0), approvedFen: a?.approvedFen ?? 0,
    sixMonth: f.sixMonth - (a?.sixCleared ?? 0),
  };
}

function arrearsKeysOf(row: BranchQuarterRow, adj: Adjustments): string[] | null {
  if (row.arrears_keys === null) return null;
  const cleared = adj.byBranchQuarter.get(`${row.org_id}|${row.quarter}`)?.cleared;
  const keys = JSON.parse(row.arrears_keys) as string[];
  return cleared?.size ? keys.filter((k) => !cleared.has(k)) : keys;
}

export async function readRollup(db: D1Database, root: OrgRow, period: string): Promise<RollupNode> {
  const quarters = periodQuarters(period);
  const marks = quarters.map(() => '?').join(',');
  const [orgsR, bqR, locksR] = await db.batch([
    db.prepare(`SELECT ${ORG_COLS} FROM orgs WHERE path LIKE ? ORDER BY path`).bind(`${root.path}%`),
    db.prepare(
      `SELECT bq.*, cs.revision AS counted_revision FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
         LEFT JOIN submissions cs ON cs.id = bq.counted_submission_id WHERE o.path LIKE ? AND bq.quarter IN (${marks})`,
    ).bind(`${root.path}%`, ...quarters),
    db.prepare(`SELECT org_id, quarter FROM locks WHERE quarter IN (${marks})`).bind(...quarters),
  ]);
  const orgs = (orgsR?.results ?? []) as OrgRow[];
  const rows = (bqR?.results ?? []) as (BranchQuarterRow & { counted_revision: number | null })[];
  const adj = await readAdjustments(db, root, quarters);
  const lockSet = new Set(((locksR?.results ?? []) as { org_id: number; quarter: string }[]).map((l) => `${l.org_id}|${l.quarter}`));
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const byBranch = new Map<number, Map<string, BranchQuarterRow & { counted_revision: number | null }>>();
  for (const r of rows) {
    let m = byBranch.get(r.org_id);
    if (!m) byBranch.set(r.org_id, (m = new Map()));
    m.set(r.quarter, r);
  }
  // Locks are inherited from ancestors, which may lie above the root of this roll-up.
  const lockedIn = (org: OrgRow, q: string) => pathIds(org).some((id) => lockSet.has(`${id}|${q}`));
  const isLocked = (code: string) => {
    const o = byCode.get(code);
    return !!o && quarters.every((q) => lockedIn(o, q));
  };
  const branchState = (code: string): BranchState | undefined => {
    const o = byCode.get(code);
    const m = o ? byBranch.get(o.id) : undefined;
    if (!m) return undefined;
    // Figures come from the counted revision (latest submitted or confirmed); status and revision
    // are the latest's, so a returned branch shows as returned while it counts as missing.
    if (quarters.length === 1) {
      const r = m.get(quarters[0] as string);
      if (!r) return undefined;
      const counted = r.counted_submission_id !== null;
      return {
        figures: counted ? adjustedFigures(r, adj) : null, submitted: counted, confirmed: r.counted_status === 'confirmed',
        status: r.status, revision: r.revision, countedRevision: r.counted_revision,
      };
    }
    const y = yearOfBranch(quarters.map((q) => {
      const r = m.get(q);
      return r && r.counted_submission_id !== null
        ? { figures: adjustedFigures(r, adj), status: r.counted_status as BranchStatus, arrearsKeys: arrearsKeysOf(r, adj) }
        : null;
    }));
    const quartersSubmitted = quarters.filter((q) => m.get(q)?.counted_submission_id != null).length;
    return { ...y, status: null, revision: null, quartersSubmitted };
  };
  const tree = buildRollupTree(nest(orgs, root), period, branchState, isLocked);
  await markListedTwice(db, root, quarters, orgs, tree);
  await markMoneyGoingUp(db, root, period, quarters, orgs, tree);
  return tree;
}

/**
 * The same person listed by two branches in one quarter (counted revisions): each node shows how
 * many such people its own subtree holds, so the roll-up itself says it (GET …/checks lists them).
 * One grouped query per roll-up; only the duplicated keys come back.
 */
async function markListedTwice(db: D1Database, root: OrgRow, quarters: string[], orgs: OrgRow[], tree: RollupNode): Promise<void> {
  const marks = quarters.map(() => '?').join(',');
  const dups = (await db.prepare(
    `SELECT m.id_hmac AS k, group_concat(DISTINCT bq.org_id) AS ids
       FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id JOIN submission_members m ON m.submission_id = bq.counted_submission_id
      WHERE o.path LIKE ? AND bq.quarter IN (${marks})
      GROUP BY bq.quarter, m.id_hmac HAVING COUNT(DISTINCT bq.org_id) > 1`,
  ).bind(`${root.path}%`, ...quarters).all<{ k: string; ids: string }>()).results;
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  const pathByCode = new Map(orgs.map((o) => [o.code, o.path]));
  const lists = dups.map((d) => ({ k: d.k, paths: d.ids.split(',').map((id) => pathOf.get(Number(id)) ?? '') }));
  const visit = (n: RollupNode): void => {
    const p = pathByCode.get(n.org.code) ?? '\u0000';
    const people = new Set<string>();
    for (const d of lists) if (d.paths.filter((x) => x.startsWith(p)).length > 1) people.add(d.k);
    n.listedInTwoBranches = people.size;
    n.children.forEach(visit);
  };
  visit(tree);
}

/** A member line as stored for one branch-quarter revision (`submission_members`). */
export interface MemberRow {
  id_hmac: string;
  id_masked: string;
  name: string;
  member_class: RollupMember['memberClass'];
  category: RollupMember['category'];
  base_fen: number | null;
  months: string;
  due_fen: number;
  paid_fen: number;
  arrears_fen: number;
  unpaid_streak: number;
  transfer_note: string | null;
  quarter: string;
  org_code: string;
}

async function latestMembers(db: D1Database, root: OrgRow, quarters: string[]): Promise<MemberRow[]> {
  const marks = quarters.map(() => '?').join(',');
  const r = await db.prepare(
    `SELECT m.id_hmac, m.id_masked, m.name, m.member_class, m.category, m.base_fen, m.months, m.due_fen, m.paid_fen,
            m.arrears_fen, m.unpaid_streak, m.transfer_note, bq.quarter, o.code AS org_code
       FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id JOIN submission_members m ON m.submission_id = bq.counted_submission_id
      WHERE o.path LIKE ? AND bq.quarter IN (${marks}) ORDER BY bq.quarter, o.path, m.idx`,
  ).bind(`${root.path}%`, ...quarters).all<MemberRow>();
  // Rows stored before IDs written with separators were recognised are masked on the way out.
  for (const m of r.results) {
    m.name = scrubIds(m.name);
    if (m.transfer_note) m.transfer_note = scrubIds(m.transfer_note);
  }
  return r.results;
}

/** Whether a role sees members' income base (clerks and finance do; leadership and admins do not). */
export const SEES_BASE = (auth: Auth) => auth.role === 'clerk' || auth.role === 'finance';

/** A branch's members in a quarter or, for a year, each person once with the year's months. */
export async function readMembers(db: D1Database, branch: OrgRow, period: string, withBase: boolean): Promise<RollupMember[]> {
  const quarters = periodQuarters(period);
  const [rows, adj] = await Promise.all([latestMembers(db, branch, quarters), readAdjustments(db, branch, quarters)]);
  const byPerson = new Map<string, RollupMember>();
  for (const r of rows) {
    // Confirmed approvals and transfers-in take their part off the stored arrears (approvals/effects.ts).
    const a = adj.byMember.get(`${branch.id}|${r.quarter}|${r.id_hmac}`);
    const approved = a?.approvedFen ?? 0;
    r.arrears_fen -= approved;
    // Months a record justifies are not 连续六个月未交 (党章 第九条; effects.ts).
    if (a) r.unpaid_streak = a.unpaidStreak;
    const months = (JSON.parse(r.months) as { month: string; dueFen: number; paidFen: number }[]).map((m) => ({ month: m.month, dueFen: m.dueFen, paidFen: m.paidFen }));
    const prev = byPerson.get(r.id_hmac);
    if (!prev) {
      byPerson.set(r.id_hmac, {
        idMasked: r.id_masked, name: r.name, memberClass: r.member_class, category: r.category, baseFen: withBase ? r.base_fen : null,
        months, dueFen: r.due_fen, paidFen: r.paid_fen, arrearsFen: r.arrears_fen, approvedFen: approved, unpaidStreak: r.unpaid_streak,
      });
    } else {
      // Later quarters come later (ORDER BY quarter): their class, category, base and streak are current.
      Object.assign(prev, {
        name: r.name, memberClass: r.member_class, category: r.category, baseFen: withBase ? r.base_fen : null, unpaidStreak: r.unpaid_streak,
        months: [...prev.months, ...months], dueFen: prev.dueFen + r.due_fen, paidFen: prev.paidFen + r.paid_fen, arrearsFen: prev.arrearsFen + r.arrears_fen,
        approvedFen: (prev.approvedFen ?? 0) + approved,
      });
    }
  }
  return [...byPerson.values()];
}

export interface CrossBranchChecks {
  quarter: string;
  /** The same person (same keyed hash) listed by two branches for the same month. */
  duplicates: { idMasked: string; names: string[]; month: string; branches: string[] }[];
  /** Listed last quarter, listed nowhere in the committee this quarter, no transfer note. */
  vanished: { idMasked: string; name: string; branch: string; lastQuarter: string }[];
}

export async function readChecks(db: D1Database, root: OrgRow, quarter: string): Promise<CrossBranchChecks> {
  const prevQ = addQuarters(quarter, -1);
  const committee = await db.prepare(`SELECT ${ORG_COLS} FROM orgs WHERE id = ?`).bind(root.root_id).first<OrgRow>();
  const [current, previous, everywhere] = await Promise.all([
    latestMembers(db, root, [quarter]),
    latestMembers(db, root, [prevQ]),
    // Anyone still listed anywhere in the committee has not vanished (moved branches, perhaps).
    committee ? latestMembers(db, committee, [quarter]) : Promise.resolve([] as MemberRow[]),
  ]);
  const byMonth = new Map<string, Map<string, { branches: Set<string>; names: Set<string>; masked: string }>>();
  for (const r of current) {
    for (const m of JSON.parse(r.months) as { month: string }[]) {
      let per = byMonth.get(r.id_hmac);
      if (!per) byMonth.set(r.id_hmac, (per = new Map()));
      let e = per.get(m.month);
      if (!e) per.set(m.month, (e = { branches: new Set(), names: new Set(), masked: r.id_masked }));
      e.branches.add(r.org_code);
      e.names.add(r.name);
    }
  }
  const duplicates: CrossBranchChecks['duplicates'] = [];
  for (const per of byMonth.values()) {
    for (const [month, e] of per) {
      if (e.branches.size > 1) duplicates.push({ idMasked: e.masked, names: [...e.names], month, branches: [...e.branches].sort() });
    }
  }
  const submittedNow = new Set(current.map((r) => r.org_code));
  const present = new Set(everywhere.map((r) => r.id_hmac));
  // A 转出 recorded by the branch (transfers/, with 党费交至年月) by the end of the quarter is a transfer.
  const out = (await db.prepare(
    `SELECT o.code, t.id_hmac FROM transfers t JOIN orgs o ON o.id = t.org_id WHERE o.path LIKE ? AND t.direction = '转出' AND t.withdrawn_at IS NULL AND t.date <= ?`,
  ).bind(`${root.path}%`, quarterEnd(quarter)).all<{ code: string; id_hmac: string }>()).results;
  const transferred = new Set(out.map((t) => `${t.code}|${t.id_hmac}`));
  const vanished = previous
    .filter((r) => submittedNow.has(r.org_code) && !present.has(r.id_hmac) && !(r.transfer_note && r.transfer_note.trim())
      && !transferred.has(`${r.org_code}|${r.id_hmac}`))
    .map((r) => ({ idMasked: r.id_masked, name: r.name, branch: r.org_code, lastQuarter: prevQ }));
  return { quarter, duplicates, vanished };
}
