/**
 * 上缴 in D1: the committee's share rows (append-only, migration 0014), its remittances, and the
 * year's status — 应上缴 per level from the year's 实交 by quarter (shared/accounts/shares.ts),
 * what was remitted, and what is outstanding and by when.
 */
import type { RemittanceAnswer, RemittanceStatus, ShareAnswer } from '../../../shared/api/accounts';
import { outstanding, yearShares, type ShareRow, type YearShares } from '../../../shared/accounts/shares';
import type { OrgRow } from '../env';

interface ShareDbRow { id: number; level: string; rate_bp: number; from_quarter: string; due_month_day: string; basis: string | null; created_at: string }
interface RemittanceDbRow { id: number; year: string; level: string; kind: 'share' | 'large'; paid_on: string; amount_fen: number; voucher: string; note: string | null; created_at: string }

export async function listShares(db: D1Database, rootId: number): Promise<ShareAnswer[]> {
  const r = await db.prepare('SELECT id, level, rate_bp, from_quarter, due_month_day, basis, created_at FROM remittance_shares WHERE root_id = ? ORDER BY from_quarter, id')
    .bind(rootId).all<ShareDbRow>();
  return r.results.map((x) => ({ id: x.id, level: x.level, rateBp: x.rate_bp, from: x.from_quarter, dueMonthDay: x.due_month_day, basis: x.basis, createdAt: x.created_at }));
}

export const shareRows = (shares: readonly ShareAnswer[]): ShareRow[] => shares.map((s) => ({ level: s.level, rateBp: s.rateBp, from: s.from, dueMonthDay: s.dueMonthDay }));

export function remittanceAnswer(x: RemittanceDbRow): RemittanceAnswer {
  return { id: x.id, year: x.year, level: x.level, kind: x.kind, paidOn: x.paid_on, amountFen: x.amount_fen, voucher: x.voucher, note: x.note, createdAt: x.created_at };
}

const REMITTANCE_COLS = 'id, year, level, kind, paid_on, amount_fen, voucher, note, created_at';

/** Remittances settling a year's dues (by `year`), in the order paid. */
export async function remittancesOfYear(db: D1Database, rootId: number, year: string): Promise<RemittanceAnswer[]> {
  const r = await db.prepare(`SELECT ${REMITTANCE_COLS} FROM remittances WHERE root_id = ? AND year = ? ORDER BY paid_on, id`).bind(rootId, year).all<RemittanceDbRow>();
  return r.results.map(remittanceAnswer);
}

/** Remittances paid up to the end of a year, whatever year they settle (the accounts are by the day money left). */
export async function remittancesPaidUpTo(db: D1Database, rootId: number, year: string): Promise<RemittanceAnswer[]> {
  const r = await db.prepare(`SELECT ${REMITTANCE_COLS} FROM remittances WHERE root_id = ? AND paid_on <= ? ORDER BY paid_on, id`).bind(rootId, `${year}-12-31`).all<RemittanceDbRow>();
  return r.results.map(remittanceAnswer);
}

/**
 * 实交 (regular, 大额 excluded) of the whole committee per quarter of a year, from the counted
 * revisions' precomputed rows — the same figures the 党委's year roll-up sums.
 */
export async function collectedByQuarter(db: D1Database, committee: OrgRow, year: string): Promise<[number, number, number, number]> {
  const r = await db.prepare(
    `SELECT bq.quarter, SUM(bq.paid_fen) AS fen FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
      WHERE o.path LIKE ? AND bq.quarter BETWEEN ? AND ? AND bq.counted_submission_id IS NOT NULL GROUP BY bq.quarter`,
  ).bind(`${committee.path}%`, `${year}Q1`, `${year}Q4`).all<{ quarter: string; fen: number }>();
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (const x of r.results) out[Number(x.quarter.slice(5)) - 1] = x.fen;
  return out;
}

/** 大额党费 of the committee in a year (counted revisions; partial index of migration 0014). */
export async function largeOfYear(db: D1Database, committee: OrgRow, year: string): Promise<number> {
  const r = await db.prepare(
    `SELECT COALESCE(SUM(m.large_fen), 0) AS fen FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
       JOIN submission_members m ON m.submission_id = bq.counted_submission_id AND m.large_fen > 0
      WHERE o.path LIKE ? AND bq.quarter BETWEEN ? AND ?`,
  ).bind(`${committee.path}%`, `${year}Q1`, `${year}Q4`).first<{ fen: number }>();
  return r?.fen ?? 0;
}

export async function sharesOfYear(db: D1Database, committee: OrgRow, year: string): Promise<YearShares> {
  const [shares, collected] = await Promise.all([listShares(db, committee.id), collectedByQuarter(db, committee, year)]);
  return yearShares(shareRows(shares), year, collected);
}

export async function remittanceStatus(db: D1Database, committee: OrgRow, year: string, today: string): Promise<RemittanceStatus> {
  const [shares, largeFen, remittances] = await Promise.all([
    sharesOfYear(db, committee, year), largeOfYear(db, committee, year), remittancesOfYear(db, committee.id, year),
  ]);
  return { committee: committee.code, year, today, shares, largeFen, lines: outstanding(shares, largeFen, remittances, today), remittances };
}
