/**
 * Submissions in D1: the submit transaction (one batch: the new immutable revision, its member
 * rows, the branch-quarter roll-up row, the idempotency record and the audit event, sealed into
 * the audit chain just after), the receipts and the history reads. HTTP is in routes.ts.
 */
import type { z } from '@hono/zod-openapi';
import type { Submission, SubmissionReceipt, SubmittedFindingSchema } from '../../../shared/api/contract';
import type { HistorySchema, RevisionDetailSchema } from '../../../shared/api/answers';
import { deriveStreak, verifySubmission, type PriorQuarter } from '../../../shared/submission/verify';
import { addQuarters, quarterMonths } from '../../../shared/quarter';
import type { Auth, OrgRow } from '../env';
import { ApiError, notFound } from '../errors';
import { auditStatement, sealAfterWrite } from '../audit';
import { byPath, orgInScope, pathIds } from '../orgs';
import type { BranchQuarterRow } from '../rollups/branch-quarters';
import { readSettingsJson, settingsStatement } from '../settings/store';
import { INSERT_MEMBERS_SQL, MEMBER_CHUNK, arrearsKey, membersJson, scrubbed, storedMembers, submissionFigures } from './rows';
import { makeEtag, ifMatchHolds } from './etag';
import { assertQuarterOpen, returnStanding } from './clerk-rules';
import { asSubmittedFinding, baselineForSubmission } from '../baselines/store';

/** Is the quarter locked for this org (a lock on it or any ancestor)? */
export function lockedSql(org: OrgRow): { sql: string; binds: number[] } {
  const ids = pathIds(org);
  return { sql: `SELECT org_id FROM locks WHERE quarter = ? AND org_id IN (${ids.map(() => '?').join(',')}) LIMIT 1`, binds: ids };
}

/** Lost races: two new revisions from the same one, or two requests with the same key. */
export function isRetryable(err: unknown): boolean {
  const msg = String(err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : err);
  return /UNIQUE constraint failed: (submissions\.org_id|idempotency\.)/.test(msg);
}

/** Each member of the branch's counted revision of the previous quarter, by keyed ID hash. */
async function priorQuarter(db: D1Database, orgId: number, quarter: string): Promise<Map<string, PriorQuarter>> {
  const rows = await db.prepare(
    `SELECT m.id_hmac, m.unpaid_streak, m.due_fen, m.paid_fen FROM branch_quarters bq JOIN submission_members m ON m.submission_id = bq.counted_submission_id
      WHERE bq.org_id = ? AND bq.quarter = ?`,
  ).bind(orgId, addQuarters(quarter, -1)).all<{ id_hmac: string; unpaid_streak: number; due_fen: number; paid_fen: number }>();
  return new Map(rows.results.map((r) => [r.id_hmac, { unpaidStreak: r.unpaid_streak, creditFen: Math.max(0, r.paid_fen - r.due_fen) }]));
}

export interface Stored {
  status: number;
  body: SubmissionReceipt;
}

/**
 * The submit transaction: replay or refuse by Idempotency-Key, refuse a locked quarter and a stale
 * or missing If-Match, re-check, then write everything in one batch. `idKey` is the checked
 * ID_HMAC_KEY (env.ts secret()).
 */
export async function submitRevision(db: D1Database, env: Env, idKey: string, auth: Auth, s: Submission, bodyHash: string, key: string | null, ifMatch: string | null, content: string): Promise<Stored & { replayed: boolean }> {
  const org = auth.org;
  const lock = lockedSql(org);
  const [idem, current, locked, settingsRow] = await db.batch([
    db.prepare('SELECT body_hash, status, response FROM idempotency WHERE org_id = ? AND key = ?').bind(org.id, key ?? ''),
    db.prepare('SELECT bq.revision, bq.etag, s.content_hash FROM branch_quarters bq JOIN submissions s ON s.id = bq.submission_id WHERE bq.org_id = ? AND bq.quarter = ?').bind(org.id, s.quarter),
    db.prepare(lock.sql).bind(s.quarter, ...lock.binds),
    settingsStatement(db, org.root_id),
  ]);
  const prior = key ? (idem?.results[0] as { body_hash: string; status: number; response: string } | undefined) : undefined;
  if (prior) {
    if (prior.body_hash !== bodyHash) {
      throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different submission; use a new key');
    }
    return { status: prior.status, body: JSON.parse(prior.response) as SubmissionReceipt, replayed: true };
  }
  const cur = current?.results[0] as { revision: number; etag: string; content_hash: string | null } | undefined;
  const settings = readSettingsJson((settingsRow?.results[0] as { json: string } | undefined)?.json);
  // Today in Beijing time (UTC+8), where the clerks are: a report dated today there is not "future".
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  // The same content as the latest revision: its receipt, not a new revision with identical data
  // (issue 12) — once it still passes the re-check under the committee's settings of today.
  if (cur && cur.content_hash === content) {
    const again = verifySubmission(s, settings, today);
    if (!again.ok) throw new ApiError('SUBMISSION_REJECTED', 'the server re-check refused the submission', { errors: again.errors });
    const row = await db.prepare(`SELECT ${RECEIPT_SELECT} FROM ${RECEIPT_FROM} WHERE bq.org_id = ? AND bq.quarter = ?`).bind(org.id, s.quarter).first<ReceiptRow>();
    if (row) {
      const receipt: SubmissionReceipt = { ...receiptOf(org.code, row), unchanged: true };
      // Returned, then sent again unchanged: the return still stands, and the answer says so.
      const back = row.status === 'returned' ? await returnStanding(db, row.submission_id) : null;
      if (back) receipt.stillReturned = { ...back, by: reviewerOf(back.by_org, back.by_label) };
      return { status: 200, body: receipt, replayed: false };
    }
  }
  if (locked?.results.length) throw new ApiError('QUARTER_LOCKED', `${s.quarter} is locked; ask finance to unlock it`);

  if (cur) {
    if (!ifMatch) {
      throw new ApiError('PRECONDITION_REQUIRED', `${s.quarter} already has revision ${cur.revision}; send If-Match with the revision you are replacing`, { currentRevision: cur.revision, etag: cur.etag });
    }
    if (!ifMatchHolds(ifMatch, cur.etag, cur.revision)) {
      throw new ApiError('STALE_REVISION', `revision ${cur.revision} is newer than the one you saw`, { currentRevision: cur.revision, etag: cur.etag });
    }
  } else if (ifMatch) {
    throw new ApiError('STALE_REVISION', `${s.quarter} has no revision yet; send it without If-Match`, { currentRevision: null });
  }

  assertQuarterOpen(s.quarter, today, settings);
  const verdict = verifySubmission(s, settings, today);
  if (!verdict.ok) throw new ApiError('SUBMISSION_REJECTED', 'the server re-check refused the submission', { errors: verdict.errors });

  // From here on only the scrubbed text is used: no ID number reaches storage (the HMAC is
  // computed from the structured idNumber field, which is never stored itself).
  const clean = scrubbed(s);
  const revision = (cur?.revision ?? 0) + 1;
  const etag = makeEtag(revision, bodyHash);
  const at = new Date().toISOString();
  const id = crypto.randomUUID();
  const rows = await storedMembers(idKey, clean);
  // 连续未交月数 is the server's own (see deriveStreak): the client's claim only fills in months
  // before anything the server holds, and never beyond joining.
  const earlier = await priorQuarter(db, org.id, s.quarter);
  let streaksCorrected = 0;
  const streaks = s.members.map((m, i) => {
    const row = rows[i]!;
    const d = deriveStreak(m, s.quarter, s.reportDate, earlier.get(row.idHmac));
    if (d !== m.unpaidStreak) streaksCorrected += 1;
    row.unpaidStreak = d;
    return d;
  });
  const f = submissionFigures({ ...s, members: s.members.map((m, i) => ({ ...m, unpaidStreak: streaks[i]! })) });
  // 年初核定 (issue 15): the year's baseline judges this quarter's figures, or this first
  // submission of the year fixes it; its findings travel with the revision for finance.
  const yb = await baselineForSubmission(db, org.id, auth.tokenId, at, quarterMonths(s.quarter), clean.members, rows.map((m) => m.idHmac), rows.map((m) => m.idMasked));
  const findings = [...clean.findings, ...yb.findings.map(asSubmittedFinding)];
  const receipt: SubmissionReceipt = {
    branchCode: org.code, quarter: s.quarter, revision, status: 'submitted', etag, receivedAt: at,
    totals: { members: s.members.length, dueFen: s.totals.dueFen, paidFen: s.totals.paidFen },
    baseline: yb.receipt,
  };
  // A new revision counts at once: it is the latest, and it is not returned.
  receipt.counted = { revision, status: 'submitted', totals: receipt.totals };

  const stmts: D1PreparedStatement[] = [
    // The lock is checked again inside the batch: a lock that lands after the read above makes
    // the etag NULL, the NOT NULL constraint fails and nothing of this submission is written.
    db.prepare(
      `INSERT INTO submissions (id, org_id, quarter, revision, etag, body_hash, report_date, members, due_fen, paid_fen, findings, note, token_id, received_at, content_hash)
       VALUES (?, ?, ?, ?, (SELECT ? WHERE NOT EXISTS (${lock.sql})), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(id, org.id, s.quarter, revision, etag, s.quarter, ...lock.binds, bodyHash, s.reportDate, s.members.length, s.totals.dueFen, s.totals.paidFen, JSON.stringify(findings), clean.note ?? null, auth.tokenId, at, content),
  ];
  for (let i = 0; i < rows.length; i += MEMBER_CHUNK) {
    stmts.push(db.prepare(INSERT_MEMBERS_SQL).bind(id, i, membersJson(rows.slice(i, i + MEMBER_CHUNK))));
  }
  stmts.push(
    db.prepare(
      `INSERT INTO branch_quarters (org_id, quarter, submission_id, revision, etag, status, formal, probationary, by_category, due_fen, paid_fen, arrears_fen, in_arrears, six_month, updated_at, counted_submission_id, counted_status, arrears_keys)
       VALUES (?1, ?2, ?3, ?4, ?5, 'submitted', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?3, 'submitted', ?15)
       ON CONFLICT (org_id, quarter) DO UPDATE SET submission_id = excluded.submission_id, revision = excluded.revision, etag = excluded.etag,
         status = 'submitted', counted_submission_id = excluded.submission_id, counted_status = 'submitted', arrears_keys = excluded.arrears_keys, formal = excluded.formal, probationary = excluded.probationary, by_category = excluded.by_category,
         due_fen = excluded.due_fen, paid_fen = excluded.paid_fen, arrears_fen = excluded.arrears_fen, in_arrears = excluded.in_arrears,
         six_month = excluded.six_month, updated_at = excluded.updated_at`,
    ).bind(org.id, s.quarter, id, revision, etag, f.formal, f.probationary, JSON.stringify(f.byCategory), f.dueFen, f.paidFen, f.arrearsFen, f.inArrears, f.sixMonth, at,
      JSON.stringify(rows.filter((m) => m.arrearsFen > 0).map((m) => arrearsKey(m.idHmac)))),
  );
  stmts.push(...yb.statements);
  if (key) {
    stmts.push(db.prepare('INSERT INTO idempotency (org_id, key, body_hash, status, response, created_at) VALUES (?, ?, ?, 201, ?, ?)').bind(org.id, key, bodyHash, JSON.stringify(receipt), at));
  }
  stmts.push(await auditStatement(env, auth, {
    action: 'submission.create', orgId: org.id, quarter: s.quarter,
    details: { revision, etag, members: s.members.length, dueFen: s.totals.dueFen, paidFen: s.totals.paidFen, idempotencyKey: key, streaksCorrected,
      // The year's first submission fixed the baseline (年初核定): recorded in this one event.
      ...(yb.receipt.fixedNow ? { baselineFixed: { year: yb.receipt.year, members: yb.receipt.members } } : {}) },
  }, at));
  try {
    await db.batch(stmts);
  } catch (e) {
    if (/NOT NULL constraint failed: submissions\.etag/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) {
      throw new ApiError('QUARTER_LOCKED', `${s.quarter} is locked; ask finance to unlock it`);
    }
    throw e;
  }
  await sealAfterWrite(env);
  return { status: 201, body: receipt, replayed: false };
}

/**
 * What a receipt reads: the branch-quarter row, the latest revision's own totals (s) and the
 * counted revision's (cs) — never the counted figures under the latest revision's number.
 */
export const RECEIPT_SELECT = `bq.*, s.received_at, s.members, s.due_fen AS rev_due_fen, s.paid_fen AS rev_paid_fen,
  cs.revision AS counted_revision, cs.members AS counted_members, cs.due_fen AS counted_due_fen, cs.paid_fen AS counted_paid_fen`;
export const RECEIPT_FROM = `branch_quarters bq JOIN submissions s ON s.id = bq.submission_id LEFT JOIN submissions cs ON cs.id = bq.counted_submission_id`;

export type ReceiptRow = BranchQuarterRow & {
  received_at: string; members: number; rev_due_fen: number; rev_paid_fen: number;
  counted_revision: number | null; counted_members: number | null; counted_due_fen: number | null; counted_paid_fen: number | null;
};

/** Who made a review, as the clerk reads it: "机关党委 · 财务 王会计" (the organisation alone when the token has no label). */
export function reviewerOf(org: string | null, label: string | null): string | null {
  if (!org) return null;
  return label ? `${org} · ${label}` : org;
}

export function receiptOf(code: string, row: ReceiptRow): SubmissionReceipt {
  return {
    branchCode: code, quarter: row.quarter, revision: row.revision, status: row.status, etag: row.etag, receivedAt: row.received_at,
    totals: { members: row.members, dueFen: row.rev_due_fen, paidFen: row.rev_paid_fen },
    counted: row.counted_revision === null || row.counted_status === null ? null : {
      revision: row.counted_revision, status: row.counted_status,
      totals: { members: row.counted_members ?? 0, dueFen: row.counted_due_fen ?? 0, paidFen: row.counted_paid_fen ?? 0 },
    },
  };
}

/** A branch the token may read: clerks their own, finance/leader/admin their subtree. 404 otherwise. */
export async function readableBranch(db: D1Database, auth: Auth, code: string): Promise<OrgRow> {
  const org = await orgInScope(db, auth, code);
  if (org.kind !== '党支部') throw notFound('branch');
  return org;
}

/** The latest receipt of each branch in `root`'s subtree for a quarter, in tree order. */
export async function listReceipts(db: D1Database, root: OrgRow, quarter: string): Promise<SubmissionReceipt[]> {
  const rows = await db.prepare(
    `SELECT o.code, o.path, ${RECEIPT_SELECT} FROM ${RECEIPT_FROM} JOIN orgs o ON o.id = bq.org_id
      WHERE o.path LIKE ? AND bq.quarter = ?`,
  ).bind(`${root.path}%`, quarter).all<ReceiptRow & { code: string; path: string }>();
  // Tree order (numeric ids along the path), as the roll-up shows branches; not the path as text.
  return rows.results.sort(byPath).map((row) => receiptOf(row.code, row));
}

/** A branch-quarter's latest receipt and every revision with its reviews; null when it has none. */
export async function readHistory(db: D1Database, org: OrgRow, quarter: string): Promise<z.infer<typeof HistorySchema> | null> {
  const [cur, revs, reviews] = await db.batch([
    db.prepare(`SELECT ${RECEIPT_SELECT} FROM ${RECEIPT_FROM} WHERE bq.org_id = ? AND bq.quarter = ?`).bind(org.id, quarter),
    db.prepare('SELECT id, revision, etag, received_at, report_date, members, due_fen, paid_fen, note FROM submissions WHERE org_id = ? AND quarter = ? ORDER BY revision').bind(org.id, quarter),
    db.prepare(`SELECT r.submission_id, r.action, r.note, r.at, o.name AS by_org, t.label AS by_label FROM reviews r JOIN submissions s ON s.id = r.submission_id
      LEFT JOIN tokens t ON t.id = r.token_id LEFT JOIN orgs o ON o.id = t.org_id WHERE s.org_id = ? AND s.quarter = ? ORDER BY r.id`).bind(org.id, quarter),
  ]);
  const row = cur?.results[0] as ReceiptRow | undefined;
  if (!row) return null;
  const byRev = (revs?.results ?? []) as { id: string; revision: number; etag: string; received_at: string; report_date: string; members: number; due_fen: number; paid_fen: number; note: string | null }[];
  const rv = (reviews?.results ?? []) as { submission_id: string; action: 'confirmed' | 'returned'; note: string | null; at: string; by_org: string | null; by_label: string | null }[];
  return {
    current: receiptOf(org.code, row),
    revisions: byRev.map((s) => ({
      revision: s.revision, etag: s.etag, receivedAt: s.received_at, reportDate: s.report_date,
      totals: { members: s.members, dueFen: s.due_fen, paidFen: s.paid_fen }, note: s.note,
      reviews: rv.filter((x) => x.submission_id === s.id).map((x) => ({ action: x.action, note: x.note, at: x.at, by: reviewerOf(x.by_org, x.by_label) })),
    })),
  };
}

/** One revision with the warnings it carried; null when there is no such revision. */
export async function readRevision(db: D1Database, org: OrgRow, quarter: string, revision: number): Promise<z.infer<typeof RevisionDetailSchema> | null> {
  const s = await db.prepare('SELECT id, revision, etag, received_at, report_date, members, due_fen, paid_fen, note, findings FROM submissions WHERE org_id = ? AND quarter = ? AND revision = ?')
    .bind(org.id, quarter, revision).first<{ id: string; revision: number; etag: string; received_at: string; report_date: string; members: number; due_fen: number; paid_fen: number; note: string | null; findings: string }>();
  if (!s) return null;
  const rv = await db.prepare('SELECT action, note, at FROM reviews WHERE submission_id = ? ORDER BY id').bind(s.id).all<{ action: 'confirmed' | 'returned'; note: string | null; at: string }>();
  return {
    revision: s.revision, etag: s.etag, receivedAt: s.received_at, reportDate: s.report_date,
    totals: { members: s.members, dueFen: s.due_fen, paidFen: s.paid_fen }, note: s.note,
    reviews: rv.results, findings: JSON.parse(s.findings) as z.infer<typeof SubmittedFindingSchema>[],
  };
}
