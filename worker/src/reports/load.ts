/**
 * ReportInput from D1: the roll-up tree exactly as GET /api/rollups returns it (the worker's
 * readRollup), and every branch's member lines in one query per period — the same lines, merged
 * the same way, as GET /api/rollups/{period}/members gives branch by branch.
 */
import type { Role, RollupMember } from '../../../shared/api/contract';
import type { OrgRow } from '../env';
import type { MemberRow } from '../rollups/read';
import { periodQuarters, readRollup } from '../rollups/read';
import type { ReportInput } from './input';
import { committeeSettings } from '../settings/store';
import { mayShowIncome } from './input';
import { scrubIds } from '../submissions/rows';
import { readLargeLines } from '../large/read';
import { loadYearAccounts } from '../accounts/store';
import { readAdjustments } from '../approvals/effects';

/** The stored member line plus the revision it belongs to. */
type Row = Omit<MemberRow, 'transfer_note' | 'quarter' | 'org_code'> & { submission_id: string };

/** Submissions per member query: D1 binds at most 100 parameters; ~90 branches ≈ 4,500 rows. */
const CHUNK = 90;

export async function readReportMembers(db: D1Database, root: OrgRow, period: string, withBase: boolean): Promise<Map<string, RollupMember[]>> {
  const byBranch = new Map<string, Map<string, RollupMember>>();
  // One month string per month: 50,000 people × 12 months would otherwise hold 600,000 copies.
  const months = new Map<string, string>();
  const month = (m: string) => months.get(m) ?? (months.set(m, m), m);
  // Quarter by quarter, oldest first: a later quarter's class, category, base and streak are
  // current, its months and amounts add on (as readMembers does for one branch). Member rows are
  // read a few dozen branches at a time so the isolate never holds a whole quarter's result set.
  const adj = await readAdjustments(db, root, periodQuarters(period));
  for (const quarter of periodQuarters(period)) {
    const subs = await db.prepare(
      `SELECT bq.counted_submission_id AS id, o.code, o.id AS org_id FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
        WHERE o.path LIKE ? AND bq.quarter = ? AND bq.counted_submission_id IS NOT NULL ORDER BY o.path`,
    ).bind(`${root.path}%`, quarter).all<{ id: string; code: string; org_id: number }>();
    const codeOf = new Map(subs.results.map((x) => [x.id, x.code]));
    const orgOf = new Map(subs.results.map((x) => [x.id, x.org_id]));
    for (let i = 0; i < subs.results.length; i += CHUNK) {
      const ids = subs.results.slice(i, i + CHUNK).map((x) => x.id);
      const r = await db.prepare(
        `SELECT submission_id, id_hmac, id_masked, name, member_class, category, base_fen, months, due_fen, paid_fen, arrears_fen, unpaid_streak
           FROM submission_members WHERE submission_id IN (${ids.map(() => '?').join(',')}) ORDER BY submission_id, idx`,
      ).bind(...ids).all<Row>();
      // Branch order is the tree's (the report lays branches out from the roll-up tree).
      for (const row of r.results) {
        // Rows stored before IDs written with separators were recognised are masked on the way out.
        row.name = scrubIds(row.name);
        const code = codeOf.get(row.submission_id)!;
        let people = byBranch.get(code);
        if (!people) byBranch.set(code, (people = new Map()));
        const ms = (JSON.parse(row.months) as { month: string; dueFen: number; paidFen: number }[])
          .map((m) => ({ month: month(m.month), dueFen: m.dueFen, paidFen: m.paidFen }));
        const prev = people.get(row.id_hmac);
        const base = withBase ? row.base_fen : null;
        // As the roll-up does: confirmed approvals and transfers-in come off the stored arrears.
        const a = adj.byMember.get(`${orgOf.get(row.submission_id)}|${quarter}|${row.id_hmac}`);
        const approved = a?.approvedFen ?? 0;
        row.arrears_fen -= approved;
        // …and months they justify are not 连续六个月未交 (党章 第九条), in 欠缴名单 as in the roll-up.
        if (a) row.unpaid_streak = a.unpaidStreak;
        if (!prev) {
          people.set(row.id_hmac, {
            idMasked: row.id_masked, name: row.name, memberClass: row.member_class, category: row.category, baseFen: base,
            months: ms, dueFen: row.due_fen, paidFen: row.paid_fen, arrearsFen: row.arrears_fen, approvedFen: approved, unpaidStreak: row.unpaid_streak,
          });
        } else {
          prev.name = row.name;
          prev.memberClass = row.member_class;
          prev.category = row.category;
          prev.baseFen = base;
          prev.unpaidStreak = row.unpaid_streak;
          prev.months.push(...ms);
          prev.dueFen += row.due_fen;
          prev.paidFen += row.paid_fen;
          prev.arrearsFen += row.arrears_fen;
          prev.approvedFen = (prev.approvedFen ?? 0) + approved;
        }
      }
    }
  }
  return new Map([...byBranch].map(([code, people]) => [code, [...people.values()]]));
}

export async function loadReportInput(db: D1Database, root: OrgRow, period: string, role: Role, now: Date): Promise<ReportInput> {
  const tree = await readRollup(db, root, period);
  const members = await readReportMembers(db, root, period, mayShowIncome(role));
  const s = await committeeSettings(db, root.root_id);
  const print = { publicityDays: s.publicityDays, publicityContact: s.publicityContact, paper: s.reportPaper };
  const large = await readLargeLines(db, root, period);
  // The accounts are finance's (as GET /api/accounts): only finance of the 党委 gets the sheet.
  const accounts = /^\d{4}$/.test(period) && role === 'finance' && root.kind === '党委' && root.id === root.root_id
    ? await loadYearAccounts(db, root, period) : null;
  return { tree, period, generatedAt: now.toISOString(), role, members, print, large, accounts };
}
