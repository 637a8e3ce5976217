/**
 * 大额党费 (2008规定 第十一条: a voluntary one-off of 1000 yuan or more, remitted to 中央 in full
 * and kept out of the regular totals). The checker keeps it apart per member-month (largeFen,
 * shared/register/member-dues.ts) and the server stores it per member line (large_fen, with the
 * month in `months`); these read it back from the counted revisions only, through the partial
 * index of migration 0014 (large_fen > 0), never scanning every member line.
 */
import type { LargeDuesLine } from '../../../shared/api/accounts';
import type { RollupNode } from '../../../shared/api/contract';
import type { OrgRow } from '../env';
import { periodQuarters } from '../rollups/read';
import { scrubIds } from '../submissions/rows';

interface LargeRow { org_id: number; code: string; org_name: string; name: string; id_masked: string; months: string; quarter: string }

/** Every 大额党费 payment in the subtree and period, per member and month, in tree and month order. */
export async function readLargeLines(db: D1Database, root: OrgRow, period: string): Promise<LargeDuesLine[]> {
  const quarters = periodQuarters(period);
  const r = await db.prepare(
    `SELECT o.id AS org_id, o.code, o.name AS org_name, m.name, m.id_masked, m.months, bq.quarter
       FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
       JOIN submission_members m ON m.submission_id = bq.counted_submission_id AND m.large_fen > 0
      WHERE o.path LIKE ? AND bq.quarter IN (${quarters.map(() => '?').join(',')})
      ORDER BY o.path, bq.quarter, m.idx`,
  ).bind(`${root.path}%`, ...quarters).all<LargeRow>();
  const out: LargeDuesLine[] = [];
  for (const row of r.results) {
    for (const mo of JSON.parse(row.months) as { month: string; largeFen?: number }[]) {
      if (!mo.largeFen) continue;
      out.push({ branch: row.code, branchName: row.org_name, name: scrubIds(row.name), idMasked: row.id_masked, month: mo.month, largeFen: mo.largeFen });
    }
  }
  return out;
}

/** 大额党费 per branch id in the period (sums of large_fen over counted revisions). */
export async function largeByBranch(db: D1Database, root: OrgRow, quarters: string[]): Promise<Map<number, number>> {
  const r = await db.prepare(
    `SELECT bq.org_id, SUM(m.large_fen) AS fen FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
       JOIN submission_members m ON m.submission_id = bq.counted_submission_id AND m.large_fen > 0
      WHERE o.path LIKE ? AND bq.quarter IN (${quarters.map(() => '?').join(',')}) GROUP BY bq.org_id`,
  ).bind(`${root.path}%`, ...quarters).all<{ org_id: number; fen: number }>();
  return new Map(r.results.map((x) => [x.org_id, x.fen]));
}

/** Sets figures.largeFen on every node: a branch's own, a parent's the exact sum of its children's. */
export function markLarge(tree: RollupNode, idOf: (code: string) => number | undefined, byBranch: ReadonlyMap<number, number>): void {
  const visit = (n: RollupNode): number => {
    const own = n.org.kind === '党支部' ? (byBranch.get(idOf(n.org.code) ?? -1) ?? 0) : 0;
    const fen = own + n.children.reduce((t, c) => t + visit(c), 0);
    n.figures.largeFen = fen;
    return fen;
  };
  visit(tree);
}
