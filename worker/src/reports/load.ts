/**
 * ReportInput from D1: the roll-up tree exactly as GET /api/rollups returns it (the worker's
 * readRollup), and every branch's member lines in one query per period — the same lines, merged
 * the same way, as GET /api/rollups/{period}/members gives branch by branch.
 */
import type { Role, RollupMember } from '../../../shared/api/contract';
import type { OrgRow } from '../env';
import { periodQuarters, readRollup } from '../rollups/read';
import type { ReportInput } from './input';
import { mayShowIncome } from './input';

interface Row {
  org_code: string;
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
}

export async function readReportMembers(db: D1Database, root: OrgRow, period: string, withBase: boolean): Promise<Map<string, RollupMember[]>> {
  const byBranch = new Map<string, Map<string, RollupMember>>();
  // One query per quarter, oldest first: a later quarter's class, category, base and streak are
  // current, its months and amounts add on (as readMembers does for one branch).
  for (const quarter of periodQuarters(period)) {
    const r = await db.prepare(
      `SELECT o.code AS org_code, m.id_hmac, m.id_masked, m.name, m.member_class, m.category, m.base_fen, m.months,
              m.due_fen, m.paid_fen, m.arrears_fen, m.unpaid_streak
         FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id JOIN submission_members m ON m.submission_id = bq.submission_id
        WHERE o.path LIKE ? AND bq.quarter = ? ORDER BY o.path, m.idx`,
    ).bind(`${root.path}%`, quarter).all<Row>();
    for (const row of r.results) {
      let people = byBranch.get(row.org_code);
      if (!people) byBranch.set(row.org_code, (people = new Map()));
      const months = (JSON.parse(row.months) as { month: string; dueFen: number; paidFen: number }[])
        .map((m) => ({ month: m.month, dueFen: m.dueFen, paidFen: m.paidFen }));
      const prev = people.get(row.id_hmac);
      const base = withBase ? row.base_fen : null;
      if (!prev) {
        people.set(row.id_hmac, {
          idMasked: row.id_masked, name: row.name, memberClass: row.member_class, category: row.category, baseFen: base,
          months, dueFen: row.due_fen, paidFen: row.paid_fen, arrearsFen: row.arrears_fen, unpaidStreak: row.unpaid_streak,
        });
      } else {
        prev.name = row.name;
        prev.memberClass = row.member_class;
        prev.category = row.category;
        prev.baseFen = base;
        prev.unpaidStreak = row.unpaid_streak;
        prev.months.push(...months);
        prev.dueFen += row.due_fen;
        prev.paidFen += row.paid_fen;
        prev.arrearsFen += row.arrears_fen;
      }
    }
  }
  return new Map([...byBranch].map(([code, people]) => [code, [...people.values()]]));
}

export async function loadReportInput(db: D1Database, root: OrgRow, period: string, role: Role, now: Date): Promise<ReportInput> {
  const tree = await readRollup(db, root, period);
  const members = await readReportMembers(db, root, period, mayShowIncome(role));
  return { tree, period, generatedAt: now.toISOString(), role, members };
}
