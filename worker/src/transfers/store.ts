/** Transfers in D1: rows ↔ the contract's Transfer (with its first due month and letter line). */
import type { Transfer } from '../../../shared/api/approvals';
import { firstDueMonth, letterLine } from '../../../shared/transfers/letter';
import type { OrgRow } from '../env';

export interface TransferRow {
  id: number;
  org_code: string;
  id_masked: string;
  name: string;
  direction: Transfer['direction'];
  date: string;
  paid_through: string;
  counterpart: string;
  note: string | null;
  entered_at: string;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  org_path: string;
  org_id: number;
}

const SELECT = 'SELECT t.*, o.code AS org_code, o.path AS org_path FROM transfers t JOIN orgs o ON o.id = t.org_id';

export function transferOf(r: TransferRow): Transfer {
  return {
    id: r.id, branch: r.org_code, member: { name: r.name, idMasked: r.id_masked }, direction: r.direction, date: r.date,
    paidThrough: r.paid_through, firstDueMonth: firstDueMonth(r.paid_through), counterpart: r.counterpart, note: r.note,
    letterLine: letterLine(r.paid_through).zh, enteredAt: r.entered_at,
    withdrawnAt: r.withdrawn_at, withdrawReason: r.withdraw_reason,
  };
}

export async function transferById(db: D1Database, id: number): Promise<TransferRow | null> {
  return db.prepare(`${SELECT} WHERE t.id = ?`).bind(id).first<TransferRow>();
}

export async function transfersIn(db: D1Database, root: OrgRow, year: string | null): Promise<TransferRow[]> {
  const r = year
    ? await db.prepare(`${SELECT} WHERE o.path LIKE ? AND substr(t.date, 1, 4) = ? ORDER BY t.date, t.id`).bind(`${root.path}%`, year).all<TransferRow>()
    : await db.prepare(`${SELECT} WHERE o.path LIKE ? ORDER BY t.date, t.id`).bind(`${root.path}%`).all<TransferRow>();
  return r.results;
}

/** Marks a transfer withdrawn once (0017's trigger refuses a second time); the row is kept. */
export function withdrawTransferStatement(db: D1Database, tokenId: number, id: number, reason: string, at: string): D1PreparedStatement {
  return db.prepare(`UPDATE transfers SET withdrawn_at = ?, withdrawn_token_id = ?, withdraw_reason = ? WHERE id = ?`)
    .bind(at, tokenId, reason, id);
}
