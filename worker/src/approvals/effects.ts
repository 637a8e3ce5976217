/**
 * What confirmed approvals and transfers-in do to the counted revisions' arrears
 * (shared/approvals/effect.ts has the rule). Read at roll-up time, so an approval confirmed after
 * a quarter was submitted changes the roll-up at once, and a re-submission keeps it: O(approved
 * members), never every member row — only the rows of members who have a record are read.
 */
import type { EffectsAnswer } from '../../../shared/api/approvals';
import { appliedFindings } from '../../../shared/approvals/findings';
import { memberEffect, streakAfterRecords, type ApprovalTerms, type CoveredMonth, type MemberEffect } from '../../../shared/approvals/effect';
import { addMonths } from '../../../shared/dates';
import { quarterMonths } from '../../../shared/quarter';
import { lastJudgedMonth } from '../../../shared/register/coverage';
import { SIX_MONTH_STREAK } from '../../../shared/rollup/figures';
import type { OrgRow } from '../env';
import { arrearsKey, scrubIds } from '../submissions/rows';
import { approvalOf, approvalsIn } from './store';

export interface BranchQuarterAdjustment {
  approvedFen: number;
  /** arrearsKey()s of members in arrears before approvals and not after. */
  cleared: Set<string>;
  /** Members counted 连续六个月未交 before the records and not after (党章 第九条: 正当理由). */
  sixCleared: number;
}

export interface MemberAdjustment extends MemberEffect {
  name: string;
  idMasked: string;
  /** The stored unpaid streak after the records (shared/approvals/effect.ts streakAfterRecords). */
  unpaidStreak: number;
}

export interface Adjustments {
  /** Keyed `${orgId}|${quarter}`. */
  byBranchQuarter: Map<string, BranchQuarterAdjustment>;
  /** Keyed `${orgId}|${quarter}|${idHmac}`. */
  byMember: Map<string, MemberAdjustment>;
}

interface TermRow {
  source: 'approval' | 'transfer';
  id: number;
  org_id: number;
  id_hmac: string;
  kind: ApprovalTerms['kind'];
  from_month: string;
  to_month: string;
  amount_fen: number;
  document_no: string;
}

interface LineRow {
  org_id: number;
  quarter: string;
  id_hmac: string;
  id_masked: string;
  name: string;
  months: string;
  unpaid_streak: number;
  report_date: string;
}

export async function readAdjustments(db: D1Database, root: OrgRow, quarters: readonly string[]): Promise<Adjustments> {
  const out: Adjustments = { byBranchQuarter: new Map(), byMember: new Map() };
  if (!quarters.length) return out;
  const first = quarterMonths(quarters[0]!)[0];
  const last = quarterMonths(quarters[quarters.length - 1]!)[2];
  // A record up to six months before the period can still break a six-month run ending in it.
  const reach = addMonths(first, -SIX_MONTH_STREAK);
  const marks = quarters.map(() => '?').join(',');
  const [termsR, linesR] = await db.batch([
    db.prepare(
      `SELECT 'approval' AS source, a.id, a.org_id, a.id_hmac, a.kind, a.from_month, a.to_month, a.amount_fen, a.document_no
         FROM approvals a JOIN orgs o ON o.id = a.org_id
        WHERE o.path LIKE ?1 AND a.status = 'confirmed' AND a.withdrawn_at IS NULL AND a.from_month <= ?3 AND a.to_month >= ?4
       UNION ALL
       SELECT 'transfer', t.id, t.org_id, t.id_hmac, '转入', '0000-01', t.paid_through, 0, t.counterpart
         FROM transfers t JOIN orgs o ON o.id = t.org_id
        WHERE o.path LIKE ?1 AND t.direction = '转入' AND t.withdrawn_at IS NULL AND t.paid_through >= ?4`,
    ).bind(`${root.path}%`, first, last, reach),
    db.prepare(
      `SELECT bq.org_id, bq.quarter, m.id_hmac, m.id_masked, m.name, m.months, m.unpaid_streak, s.report_date
         FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id JOIN submission_members m ON m.submission_id = bq.counted_submission_id
         JOIN submissions s ON s.id = bq.counted_submission_id
        WHERE o.path LIKE ? AND bq.quarter IN (${marks})
          AND m.id_hmac IN (SELECT a.id_hmac FROM approvals a WHERE a.org_id = bq.org_id AND a.status = 'confirmed' AND a.withdrawn_at IS NULL
                            UNION SELECT t.id_hmac FROM transfers t WHERE t.org_id = bq.org_id AND t.direction = '转入' AND t.withdrawn_at IS NULL)
        ORDER BY bq.quarter, m.idx`,
    ).bind(`${root.path}%`, ...quarters),
  ]);
  const terms = new Map<string, ApprovalTerms[]>();
  for (const t of (termsR?.results ?? []) as TermRow[]) {
    const k = `${t.org_id}|${t.id_hmac}`;
    const term: ApprovalTerms = { id: t.id, source: t.source, kind: t.kind, fromMonth: t.from_month, toMonth: t.to_month, amountFen: t.amount_fen, documentNo: t.document_no };
    const l = terms.get(k);
    if (l) l.push(term);
    else terms.set(k, [term]);
  }
  for (const line of (linesR?.results ?? []) as LineRow[]) {
    const on = terms.get(`${line.org_id}|${line.id_hmac}`);
    if (!on) continue;
    const months = JSON.parse(line.months) as { month: string; dueFen: number; paidFen: number }[];
    const e = memberEffect(months, on);
    // The stored streak ends at the report date's last judged month (shared/register/coverage.ts).
    const streak = line.unpaid_streak >= SIX_MONTH_STREAK ? streakAfterRecords(line.unpaid_streak, lastJudgedMonth(line.report_date), on) : line.unpaid_streak;
    const sixCleared = line.unpaid_streak >= SIX_MONTH_STREAK && streak < SIX_MONTH_STREAK;
    if (!e.covered.length && !sixCleared) continue;
    out.byMember.set(`${line.org_id}|${line.quarter}|${line.id_hmac}`, { ...e, name: scrubIds(line.name), idMasked: line.id_masked, unpaidStreak: streak });
    const bk = `${line.org_id}|${line.quarter}`;
    let b = out.byBranchQuarter.get(bk);
    if (!b) out.byBranchQuarter.set(bk, (b = { approvedFen: 0, cleared: new Set(), sixCleared: 0 }));
    b.approvedFen += e.approvedFen;
    if (sixCleared) b.sixCleared += 1;
    if (e.rawArrearsFen > 0 && e.arrearsFen === 0) b.cleared.add(arrearsKey(line.id_hmac));
  }
  return out;
}

/** A branch's members with records over a period, merged over its quarters, with their findings. */
export async function readBranchEffects(db: D1Database, branch: OrgRow, period: string): Promise<EffectsAnswer> {
  const quarters = /^\d{4}$/.test(period) ? [1, 2, 3, 4].map((n) => `${period}Q${n}`) : [period];
  const adj = await readAdjustments(db, branch, quarters);
  const people = new Map<string, { e: MemberAdjustment; covered: CoveredMonth[] }>();
  for (const [k, e] of adj.byMember) {
    const hmac = k.split('|')[2]!;
    const p = people.get(hmac);
    if (!e.covered.length) continue;
    if (!p) people.set(hmac, { e: { ...e }, covered: [...e.covered] });
    else {
      p.e.rawArrearsFen += e.rawArrearsFen;
      p.e.arrearsFen += e.arrearsFen;
      p.e.approvedFen += e.approvedFen;
      p.e.name = e.name;
      p.covered.push(...e.covered);
    }
  }
  const members = [...people.values()].map(({ e }) => ({ member: { name: e.name, idMasked: e.idMasked }, rawArrearsFen: e.rawArrearsFen, arrearsFen: e.arrearsFen, approvedFen: e.approvedFen }));
  const findings: EffectsAnswer['findings'] = [...people.values()].flatMap(({ e, covered }) => appliedFindings({ name: e.name, idMasked: e.idMasked }, covered));
  // What the branch's own records say about themselves (pending, a 补交 reaching too far back).
  const year = period.slice(0, 4);
  for (const a of await approvalsIn(db, branch, year)) findings.push(...approvalOf(a).findings);
  const sum = (f: (m: (typeof members)[number]) => number) => members.reduce((s, m) => s + f(m), 0);
  return {
    branch: branch.code, period, members, findings,
    rawArrearsFen: sum((m) => m.rawArrearsFen), arrearsFen: sum((m) => m.arrearsFen), approvedFen: sum((m) => m.approvedFen),
  };
}
