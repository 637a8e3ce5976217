/** Approvals in D1: rows ↔ the contract's Approval, and the statements that write them. */
import type { Approval, ApprovalRequest } from '../../../shared/api/approvals';
import type { ApprovalLevel } from '../../../shared/approvals/levels';
import { recordFindings } from '../../../shared/approvals/findings';
import type { Auth, OrgRow } from '../env';

export interface ApprovalRow {
  id: number;
  org_id: number;
  org_code: string;
  org_path: string;
  id_hmac: string;
  id_masked: string;
  name: string;
  category: Approval['category'];
  kind: Approval['kind'];
  from_month: string;
  to_month: string;
  amount_fen: number;
  document_no: string;
  approving_orgs: string;
  approved_on: string;
  note: string | null;
  level: ApprovalLevel;
  status: Approval['status'];
  entered_at: string;
  decided_at: string | null;
  decided_code: string | null;
  decision_note: string | null;
  decided_org_id: number | null;
  withdrawn_at: string | null;
  withdrawn_code: string | null;
  withdraw_reason: string | null;
}

/** The public status: a withdrawn row keeps its decision, so pending → withdrawn, confirmed → revoked. */
export function statusOf(r: Pick<ApprovalRow, 'status' | 'withdrawn_at'>): Approval['status'] {
  if (!r.withdrawn_at) return r.status;
  return r.status === 'confirmed' ? 'revoked' : 'withdrawn';
}

export const APPROVAL_SELECT = `SELECT a.*, o.code AS org_code, o.path AS org_path, d.code AS decided_code, w.code AS withdrawn_code
  FROM approvals a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs d ON d.id = a.decided_org_id LEFT JOIN orgs w ON w.id = a.withdrawn_org_id`;

export function approvalOf(r: ApprovalRow): Approval {
  const member = { name: r.name, idMasked: r.id_masked };
  const status = statusOf(r);
  return {
    id: r.id, branch: r.org_code, member, category: r.category, kind: r.kind, fromMonth: r.from_month, toMonth: r.to_month,
    amountFen: r.amount_fen, documentNo: r.document_no, approvingOrgs: JSON.parse(r.approving_orgs) as string[], approvedOn: r.approved_on,
    note: r.note, level: r.level, status, enteredAt: r.entered_at, decidedAt: r.decided_at, decidedBy: r.decided_code,
    decisionNote: r.decision_note, withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_code, withdrawReason: r.withdraw_reason,
    findings: recordFindings(member, {
      id: r.id, kind: r.kind, fromMonth: r.from_month, toMonth: r.to_month, amountFen: r.amount_fen, approvedOn: r.approved_on,
      documentNo: r.document_no, status, level: r.level,
    }),
  };
}

export async function approvalById(db: D1Database, id: number): Promise<ApprovalRow | null> {
  return db.prepare(`${APPROVAL_SELECT} WHERE a.id = ?`).bind(id).first<ApprovalRow>();
}

/** Approvals of a subtree whose months touch the year (or every year when null), tree order then id. */
export async function approvalsIn(db: D1Database, root: OrgRow, year: string | null): Promise<ApprovalRow[]> {
  const r = year
    ? await db.prepare(`${APPROVAL_SELECT} WHERE o.path LIKE ? AND a.from_month <= ? AND a.to_month >= ? ORDER BY a.id`).bind(`${root.path}%`, `${year}-12`, `${year}-01`).all<ApprovalRow>()
    : await db.prepare(`${APPROVAL_SELECT} WHERE o.path LIKE ? ORDER BY a.id`).bind(`${root.path}%`).all<ApprovalRow>();
  return r.results;
}

/** The INSERT of a new approval; `confirmed` when the branch's own decision is all the rule needs. */
export function insertApproval(
  db: D1Database, auth: Auth, req: ApprovalRequest, clean: { name: string; documentNo: string; approvingOrgs: string[]; note: string | null },
  idHmac: string, idMasked: string, level: ApprovalLevel, at: string,
): D1PreparedStatement {
  const confirmed = level === 'branch';
  return db.prepare(
    `INSERT INTO approvals (org_id, id_hmac, id_masked, name, category, kind, from_month, to_month, amount_fen, document_no, approving_orgs,
       approved_on, note, level, status, token_id, entered_at, decided_token_id, decided_org_id, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).bind(
    auth.org.id, idHmac, idMasked, clean.name, req.category, req.kind, req.fromMonth, req.toMonth, req.amountFen, clean.documentNo,
    JSON.stringify(clean.approvingOrgs), req.approvedOn, clean.note, level, confirmed ? 'confirmed' : 'pending', auth.tokenId, at,
    confirmed ? auth.tokenId : null, confirmed ? auth.org.id : null, confirmed ? at : null,
  );
}

/** Marks an approval withdrawn (or revoked) once; the trigger of 0017 refuses a second time in the same batch. */
export function withdrawApprovalStatement(db: D1Database, auth: Auth, id: number, kind: 'withdraw' | 'revoke', reason: string | null, at: string): D1PreparedStatement {
  return db.prepare(`UPDATE approvals SET withdrawn_at = ?, withdrawn_token_id = ?, withdrawn_org_id = ?, withdraw_reason = ?, withdraw_kind = ? WHERE id = ?`)
    .bind(at, auth.tokenId, auth.org.id, reason, kind, id);
}
