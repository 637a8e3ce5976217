/**
 * Submissions (报送). A clerk posts their branch's quarter; the server validates it (zod), re-checks
 * it (shared/submission/verify.ts, with the committee's settings), and writes — in ONE D1 batch —
 * the new immutable revision, its member rows, the branch-quarter roll-up row, the idempotency
 * record and the audit event (sealed into the audit chain just after). Order of refusals: 400 schema → replay/422 Idempotency-Key →
 * 423 locked → 428/412 If-Match → 422 re-check.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { SubmissionStatusSchema} from '../../../shared/api/contract';
import {
  QuarterSchema, SubmissionReceiptSchema, SubmissionSchema,
  type Submission, type SubmissionReceipt, type SubmittedFindingSchema,
} from '../../../shared/api/contract';
import { HistorySchema, RevisionDetailSchema } from '../../../shared/api/answers';
import { deriveStreak, verifySubmission, type PriorQuarter } from '../../../shared/submission/verify';
import { addQuarters } from '../../../shared/quarter';
import type { Auth, OrgRow } from '../env';
import { ApiError, notFound } from '../errors';
import { requireRole } from '../auth';
import { auditStatement, sealAfterWrite, withRetry } from '../audit';
import { sha256Hex } from '../crypto';
import { byPath, orgInScope, pathIds } from '../orgs';
import { readSettingsJson } from './settings';
import { INSERT_MEMBERS_SQL, MEMBER_CHUNK, arrearsKey, memberTuples, scrubbed, submissionFigures } from '../submissions/rows';
import { ifMatchHolds, makeEtag } from '../submissions/etag';
import { assertQuarterOpen, contentHash, withBranchWarning } from '../submissions/clerk-rules';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export interface BranchQuarterRow {
  org_id: number;
  quarter: string;
  /** The latest revision: what If-Match and reviews refer to. */
  submission_id: string;
  revision: number;
  etag: string;
  status: z.infer<typeof SubmissionStatusSchema>;
  /** The revision the roll-up counts (latest submitted or confirmed); null when none stands. The figures are its. */
  counted_submission_id: string | null;
  counted_status: 'submitted' | 'confirmed' | null;
  /** JSON array of arrearsKey()s of the counted revision's members in arrears (for year head counts). */
  arrears_keys: string | null;
  formal: number;
  probationary: number;
  by_category: string;
  due_fen: number;
  paid_fen: number;
  arrears_fen: number;
  in_arrears: number;
  six_month: number;
  updated_at: string;
}

/** Is the quarter locked for this org (a lock on it or any ancestor)? */
export function lockedSql(org: OrgRow): { sql: string; binds: number[] } {
  const ids = pathIds(org);
  return { sql: `SELECT org_id FROM locks WHERE quarter = ? AND org_id IN (${ids.map(() => '?').join(',')}) LIMIT 1`, binds: ids };
}

/** Lost races: two new revisions from the same one, or two requests with the same key. */
function isRetryable(err: unknown): boolean {
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

interface Stored {
  status: number;
  body: SubmissionReceipt;
}

async function submit(db: D1Database, env: Env, auth: Auth, s: Submission, bodyHash: string, key: string | null, ifMatch: string | null, content: string): Promise<Stored & { replayed: boolean }> {
  const org = auth.org;
  const lock = lockedSql(org);
  const [idem, current, locked, settingsRow] = await db.batch([
    db.prepare('SELECT body_hash, status, response FROM idempotency WHERE org_id = ? AND key = ?').bind(org.id, key ?? ''),
    db.prepare('SELECT bq.revision, bq.etag, s.content_hash FROM branch_quarters bq JOIN submissions s ON s.id = bq.submission_id WHERE bq.org_id = ? AND bq.quarter = ?').bind(org.id, s.quarter),
    db.prepare(lock.sql).bind(s.quarter, ...lock.binds),
    db.prepare('SELECT json FROM settings WHERE root_id = ?').bind(org.root_id),
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
    if (row) return { status: 200, body: { ...receiptOf(org.code, row), unchanged: true }, replayed: false };
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
  const tuples = await memberTuples(env.ID_HMAC_KEY, clean);
  // 连续未交月数 is the server's own (see deriveStreak): the client's claim only fills in months
  // before anything the server holds, and never beyond joining.
  const earlier = await priorQuarter(db, org.id, s.quarter);
  let streaksCorrected = 0;
  const streaks = s.members.map((m, i) => {
    const t = tuples[i]!;
    const d = deriveStreak(m, s.quarter, s.reportDate, earlier.get(t[0]));
    if (d !== m.unpaidStreak) streaksCorrected += 1;
    t[13] = d;
    return d;
  });
  const f = submissionFigures({ ...s, members: s.members.map((m, i) => ({ ...m, unpaidStreak: streaks[i]! })) });
  const receipt: SubmissionReceipt = {
    branchCode: org.code, quarter: s.quarter, revision, status: 'submitted', etag, receivedAt: at,
    totals: { members: s.members.length, dueFen: s.totals.dueFen, paidFen: s.totals.paidFen },
  };
  // A new revision counts at once: it is the latest, and it is not returned.
  receipt.counted = { revision, status: 'submitted', totals: receipt.totals };

  const stmts: D1PreparedStatement[] = [
    // The lock is checked again inside the batch: a lock that lands after the read above makes
    // the etag NULL, the NOT NULL constraint fails and nothing of this submission is written.
    db.prepare(
      `INSERT INTO submissions (id, org_id, quarter, revision, etag, body_hash, report_date, members, due_fen, paid_fen, findings, note, token_id, received_at, content_hash)
       VALUES (?, ?, ?, ?, (SELECT ? WHERE NOT EXISTS (${lock.sql})), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(id, org.id, s.quarter, revision, etag, s.quarter, ...lock.binds, bodyHash, s.reportDate, s.members.length, s.totals.dueFen, s.totals.paidFen, JSON.stringify(clean.findings), clean.note ?? null, auth.tokenId, at, content),
  ];
  for (let i = 0; i < tuples.length; i += MEMBER_CHUNK) {
    stmts.push(db.prepare(INSERT_MEMBERS_SQL).bind(id, i, JSON.stringify(tuples.slice(i, i + MEMBER_CHUNK))));
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
      JSON.stringify(tuples.filter((t) => t[12] > 0).map((t) => arrearsKey(t[0])))),
  );
  if (key) {
    stmts.push(db.prepare('INSERT INTO idempotency (org_id, key, body_hash, status, response, created_at) VALUES (?, ?, ?, 201, ?, ?)').bind(org.id, key, bodyHash, JSON.stringify(receipt), at));
  }
  stmts.push(await auditStatement(env, auth, {
    action: 'submission.create', orgId: org.id, quarter: s.quarter,
    details: { revision, etag, members: s.members.length, dueFen: s.totals.dueFen, paidFen: s.totals.paidFen, idempotencyKey: key, streaksCorrected },
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

const ListQuery = z.object({ quarter: QuarterSchema, org: z.string().max(64).optional() });
const BranchQuarterParams = z.object({ branch: z.string().min(1).max(64), quarter: QuarterSchema });

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
function reviewerOf(org: string | null, label: string | null): string | null {
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

export function submissionsRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['submissions'], summary: 'Submit your branch’s quarter (clerk)',
      request: {
        headers: z.object({
          'idempotency-key': z.string().optional().describe('Same key + same body → the first answer; same key + other body → 422'),
          'if-match': z.string().optional().describe('The etag (or revision) you last saw; required when the quarter already has one'),
        }),
        body: jsonBody(SubmissionSchema),
      },
      responses: {
        201: jsonOk(SubmissionReceiptSchema, 'Accepted: a new revision'),
        200: jsonOk(SubmissionReceiptSchema, 'The same content as the latest revision: its receipt (unchanged: true), nothing stored'), ...commonErrors,
        409: errorResponse('NOT_A_BRANCH'), 412: errorResponse('STALE_REVISION'), 413: errorResponse('PAYLOAD_TOO_LARGE'),
        422: errorResponse('SUBMISSION_REJECTED (details.errors) or IDEMPOTENCY_KEY_REUSED'), 423: errorResponse('QUARTER_LOCKED'), 428: errorResponse('PRECONDITION_REQUIRED'),
      },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'clerk');
      if (auth.org.kind !== '党支部') throw new ApiError('NOT_A_BRANCH', 'only a 党支部 submits a quarter');
      // Without the secret the keyed hash would be guessable: refuse rather than store weak hashes.
      if (!c.env.ID_HMAC_KEY || c.env.ID_HMAC_KEY.length < 16) throw new ApiError('INTERNAL', 'the server is not configured (ID_HMAC_KEY)');
      const body = c.req.valid('json');
      // A body prepared for another branch (e.g. a queued entry sent after a different clerk signed in) is refused.
      if (body.branchCode !== undefined && body.branchCode !== auth.org.code) {
        throw new ApiError('INVALID_REQUEST', `this quarter was prepared for branch ${body.branchCode}; your token is for ${auth.org.code}`);
      }
      const key = c.req.header('Idempotency-Key') ?? null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) throw new ApiError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 visible ASCII characters');
      const bodyHash = await sha256Hex(JSON.stringify(body));
      // A workbook naming another branch travels with a warning finance sees.
      const s = withBranchWarning(body, auth.org.name);
      const content = await contentHash(s);
      const out = await withRetry(() => submit(c.env.DB, c.env, auth, s, bodyHash, key, c.req.header('If-Match') ?? null, content), isRetryable);
      c.header('ETag', out.body.etag);
      if (out.replayed) c.header('Idempotent-Replayed', 'true');
      return out.status === 200 ? c.json(out.body, 200) : c.json(out.body, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['submissions'], summary: 'Latest revision of each branch in your subtree for a quarter',
      request: { query: ListQuery }, responses: { 200: jsonOk(z.array(SubmissionReceiptSchema)), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const root = await orgInScope(c.env.DB, auth, q.org);
      const rows = await c.env.DB.prepare(
        `SELECT o.code, o.path, ${RECEIPT_SELECT} FROM ${RECEIPT_FROM} JOIN orgs o ON o.id = bq.org_id
          WHERE o.path LIKE ? AND bq.quarter = ?`,
      ).bind(`${root.path}%`, q.quarter).all<ReceiptRow & { code: string; path: string }>();
      // Tree order (numeric ids along the path), as the roll-up shows branches; not the path as text.
      return c.json(rows.results.sort(byPath).map((row) => receiptOf(row.code, row)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{branch}/{quarter}', security: bearer, tags: ['submissions'], summary: 'A branch-quarter: its latest receipt and every revision with its reviews',
      request: { params: BranchQuarterParams }, responses: { 200: jsonOk(HistorySchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const { branch, quarter } = c.req.valid('param');
      const org = await readableBranch(c.env.DB, auth, branch);
      const [cur, revs, reviews] = await c.env.DB.batch([
        c.env.DB.prepare(`SELECT ${RECEIPT_SELECT} FROM ${RECEIPT_FROM} WHERE bq.org_id = ? AND bq.quarter = ?`).bind(org.id, quarter),
        c.env.DB.prepare('SELECT id, revision, etag, received_at, report_date, members, due_fen, paid_fen, note FROM submissions WHERE org_id = ? AND quarter = ? ORDER BY revision').bind(org.id, quarter),
        c.env.DB.prepare(`SELECT r.submission_id, r.action, r.note, r.at, o.name AS by_org, t.label AS by_label FROM reviews r JOIN submissions s ON s.id = r.submission_id
          LEFT JOIN tokens t ON t.id = r.token_id LEFT JOIN orgs o ON o.id = t.org_id WHERE s.org_id = ? AND s.quarter = ? ORDER BY r.id`).bind(org.id, quarter),
      ]);
      const row = cur?.results[0] as ReceiptRow | undefined;
      if (!row) throw notFound('submission');
      const byRev = (revs?.results ?? []) as { id: string; revision: number; etag: string; received_at: string; report_date: string; members: number; due_fen: number; paid_fen: number; note: string | null }[];
      const rv = (reviews?.results ?? []) as { submission_id: string; action: 'confirmed' | 'returned'; note: string | null; at: string; by_org: string | null; by_label: string | null }[];
      return c.json({
        current: receiptOf(org.code, row),
        revisions: byRev.map((s) => ({
          revision: s.revision, etag: s.etag, receivedAt: s.received_at, reportDate: s.report_date,
          totals: { members: s.members, dueFen: s.due_fen, paidFen: s.paid_fen }, note: s.note,
          reviews: rv.filter((x) => x.submission_id === s.id).map((x) => ({ action: x.action, note: x.note, at: x.at, by: reviewerOf(x.by_org, x.by_label) })),
        })),
      }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{branch}/{quarter}/revisions/{revision}', security: bearer, tags: ['submissions'], summary: 'One revision with the warnings it carried',
      request: { params: BranchQuarterParams.extend({ revision: z.coerce.number().int().min(1) }) }, responses: { 200: jsonOk(RevisionDetailSchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const { branch, quarter, revision } = c.req.valid('param');
      const org = await readableBranch(c.env.DB, auth, branch);
      const s = await c.env.DB.prepare('SELECT id, revision, etag, received_at, report_date, members, due_fen, paid_fen, note, findings FROM submissions WHERE org_id = ? AND quarter = ? AND revision = ?')
        .bind(org.id, quarter, revision).first<{ id: string; revision: number; etag: string; received_at: string; report_date: string; members: number; due_fen: number; paid_fen: number; note: string | null; findings: string }>();
      if (!s) throw notFound('revision');
      const rv = await c.env.DB.prepare('SELECT action, note, at FROM reviews WHERE submission_id = ? ORDER BY id').bind(s.id).all<{ action: 'confirmed' | 'returned'; note: string | null; at: string }>();
      return c.json({
        revision: s.revision, etag: s.etag, receivedAt: s.received_at, reportDate: s.report_date,
        totals: { members: s.members, dueFen: s.due_fen, paidFen: s.paid_fen }, note: s.note,
        reviews: rv.results, findings: JSON.parse(s.findings) as z.infer<typeof SubmittedFindingSchema>[],
      }, 200);
    },
  );

  return r;
}
