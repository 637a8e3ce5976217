/**
 * The year's accounts (收支结存) from D1: 收缴 from the counted revisions, 上缴 from remittances
 * paid in the year, 下拨, 利息 and 使用 from account_entries (migration 0015), 上年结存 recorded
 * for the year or else carried from the year before — computed year by year from the first year
 * the committee has anything, so a carried 结存 is always the same closing figure the year
 * before showed (shared/accounts/balance.ts holds the identity).
 */
import type { EntryAnswer, RemittanceAnswer, YearAccounts } from '../../../shared/api/accounts';
import { closingBalance, identityHolds, usesByPurpose } from '../../../shared/accounts/balance';
import { USE_PURPOSE_CODES } from '../../../shared/accounts/purposes';
import type { OrgRow } from '../env';
import { remittancesPaidUpTo } from '../remittances/store';

interface EntryDbRow {
  id: number; year: string; kind: EntryAnswer['kind']; on_date: string; amount_fen: number; voucher: string;
  purpose: EntryAnswer['purpose']; decided_on: string | null; source: string | null; note: string | null; created_at: string;
}

export function entryAnswer(x: EntryDbRow): EntryAnswer {
  return {
    id: x.id, year: x.year, kind: x.kind, on: x.on_date, amountFen: x.amount_fen, voucher: x.voucher,
    purpose: x.purpose, decidedOn: x.decided_on, source: x.source, note: x.note, createdAt: x.created_at,
  };
}

export const ENTRY_COLS = 'id, year, kind, on_date, amount_fen, voucher, purpose, decided_on, source, note, created_at';

/** The committee's regular 实交 and 大额党费 per year up to `year` (counted revisions). */
async function collectedByYear(db: D1Database, committee: OrgRow, year: string): Promise<{ regular: Map<string, number>; large: Map<string, number> }> {
  const [reg, large] = await db.batch([
    db.prepare(
      `SELECT substr(bq.quarter, 1, 4) AS y, SUM(bq.paid_fen) AS fen FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
        WHERE o.path LIKE ? AND bq.quarter <= ? AND bq.counted_submission_id IS NOT NULL GROUP BY y`,
    ).bind(`${committee.path}%`, `${year}Q4`),
    db.prepare(
      `SELECT substr(bq.quarter, 1, 4) AS y, SUM(m.large_fen) AS fen FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
         JOIN submission_members m ON m.submission_id = bq.counted_submission_id AND m.large_fen > 0
        WHERE o.path LIKE ? AND bq.quarter <= ? GROUP BY y`,
    ).bind(`${committee.path}%`, `${year}Q4`),
  ]);
  const toMap = (rows: unknown[] | undefined) => new Map(((rows ?? []) as { y: string; fen: number }[]).map((x) => [x.y, x.fen]));
  return { regular: toMap(reg?.results), large: toMap(large?.results) };
}

export async function loadYearAccounts(db: D1Database, committee: OrgRow, year: string): Promise<YearAccounts> {
  const [entriesR, remittances, collected] = await Promise.all([
    db.prepare(`SELECT ${ENTRY_COLS} FROM account_entries WHERE root_id = ? AND year <= ? ORDER BY on_date, id`).bind(committee.id, year).all<EntryDbRow>(),
    remittancesPaidUpTo(db, committee.id, year),
    collectedByYear(db, committee, year),
  ]);
  const entries = entriesR.results.map(entryAnswer);
  const yearOf = (r: RemittanceAnswer) => r.paidOn.slice(0, 4);
  const years = new Set<string>([year, ...entries.map((e) => e.year), ...remittances.map(yearOf), ...collected.regular.keys(), ...collected.large.keys()]);
  const first = [...years].sort()[0]!;
  let carried: number | null = null;
  let result: YearAccounts | null = null;
  for (let y = Number(first); y <= Number(year); y++) {
    const ys = String(y);
    const mine = entries.filter((e) => e.year === ys);
    const paid = remittances.filter((r) => yearOf(r) === ys);
    const opening = mine.find((e) => e.kind === 'opening');
    const sum = (kind: EntryAnswer['kind']) => mine.filter((e) => e.kind === kind).reduce((t, e) => t + e.amountFen, 0);
    const uses = mine.filter((e) => e.kind === 'use');
    const b = closingBalance({
      openingFen: opening ? opening.amountFen : (carried ?? 0),
      collectedFen: collected.regular.get(ys) ?? 0,
      allocatedFen: sum('allocation'),
      interestFen: sum('interest'),
      remittedFen: paid.filter((r) => r.kind === 'share').reduce((t, r) => t + r.amountFen, 0),
      usedFen: sum('use'),
    });
    carried = b.closingFen;
    if (ys !== year) continue;
    result = {
      committee: committee.code, year: ys,
      openingSource: opening ? 'recorded' : y > Number(first) ? 'carried' : 'none',
      ...b,
      identityHolds: identityHolds(b),
      usesByPurpose: usesByPurpose(uses.map((u) => ({ purpose: u.purpose!, amountFen: u.amountFen })), USE_PURPOSE_CODES),
      large: { collectedFen: collected.large.get(ys) ?? 0, remittedFen: paid.filter((r) => r.kind === 'large').reduce((t, r) => t + r.amountFen, 0) },
      entries: mine,
      remittances: paid,
    };
  }
  return result!;
}
