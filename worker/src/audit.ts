/**
 * The audit log: every submission, review, lock, token and org change, settings change and
 * download is one event, inserted in the same batch as the change it records (so there is no
 * change without its event). Right after the batch commits the event is sealed into a hash chain:
 * prev_hash = the previous event's hash, hash = SHA-256(prev_hash || '\n' || content). Sealing is
 * deterministic, so concurrent sealers agree; writers never contend for the chain's head.
 * Editing or deleting a sealed event breaks the chain at that point (verifyChain finds where).
 */
import type { Auth } from './env';
import { sha256Hex } from './crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  orgId: number | null;
  quarter?: string | null;
  details?: Record<string, unknown>;
}

/** The exact text that is hashed; its key order is fixed here. */
export function auditContent(at: string, auth: Auth | null, e: AuditEvent): string {
  return JSON.stringify({
    at,
    tokenId: auth?.tokenId ?? null,
    role: auth?.role ?? null,
    actorOrg: auth?.org.id ?? null,
    action: e.action,
    orgId: e.orgId,
    quarter: e.quarter ?? null,
    details: e.details ?? {},
  });
}

export async function chainHash(prev: string, content: string): Promise<string> {
  return sha256Hex(`${prev}\n${content}`);
}

/** The INSERT of an event, to go into the batch of the change it records. */
export function auditStatement(db: D1Database, auth: Auth | null, e: AuditEvent, at: string): D1PreparedStatement {
  return db
    .prepare('INSERT INTO audit_events (at, token_id, role, actor_org, action, org_id, quarter, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(at, auth?.tokenId ?? null, auth?.role ?? null, auth?.org.id ?? null, e.action, e.orgId, e.quarter ?? null, auditContent(at, auth, e));
}

const SEAL_PAGE = 500;

/** Links every unsealed event into the chain, oldest first. Safe to run concurrently. */
export async function sealAudit(db: D1Database): Promise<void> {
  for (;;) {
    const open = (await db.prepare('SELECT seq, content FROM audit_events WHERE hash IS NULL ORDER BY seq LIMIT ?').bind(SEAL_PAGE).all<{ seq: number; content: string }>()).results;
    if (!open.length) return;
    const first = open[0] as { seq: number };
    const before = await db.prepare('SELECT hash FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT 1').bind(first.seq).first<{ hash: string | null }>();
    // An older event still unsealed means another sealer is mid-way: its work comes first.
    if (before && before.hash === null) continue;
    let prev = before?.hash ?? GENESIS_HASH;
    const updates: D1PreparedStatement[] = [];
    for (const r of open) {
      const hash = await chainHash(prev, r.content);
      updates.push(db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ? AND hash IS NULL').bind(prev, hash, r.seq));
      prev = hash;
    }
    await db.batch(updates);
    if (open.length < SEAL_PAGE) return;
  }
}

/** Runs an operation again (a few times) when `retryable` says its failure was a lost race. */
export async function withRetry<T>(op: () => Promise<T>, retryable: (err: unknown) => boolean, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (err) {
      if (i >= attempts || !retryable(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * i)));
    }
  }
}

/**
 * Seals after a committed write. The write stands whatever happens here: an event left unsealed
 * is sealed by the next write or by verifyChain, in order.
 */
export async function sealAfterWrite(db: D1Database): Promise<void> {
  try {
    await sealAudit(db);
  } catch (e) {
    console.warn('audit sealing deferred', e);
  }
}

/** A change (one or more statements) and its audit event in one batch, then sealed. */
export async function writeAudited(db: D1Database, auth: Auth | null, e: AuditEvent, build: () => D1PreparedStatement[]): Promise<void> {
  await db.batch([...build(), auditStatement(db, auth, e, new Date().toISOString())]);
  await sealAfterWrite(db);
}

export interface ChainReport {
  ok: boolean;
  /** Events verified (in scope: about the caller's subtree) before the end or the break. */
  events: number;
  /** Hash of the last verified event in scope (GENESIS_HASH when none). */
  head: string;
  /** The first event whose link or hash does not hold, when it is in scope. */
  brokenAt?: number;
  reason?: string;
  /** The org code whose subtree the report speaks of. */
  scope?: string;
}

/** Whose events a verification speaks of: a subtree (events about it or made from it). */
export interface ChainScope {
  code: string;
  path: string;
}

interface EventRow {
  seq: number;
  at: string;
  token_id: number | null;
  role: string | null;
  actor_org: number | null;
  action: string;
  org_id: number | null;
  quarter: string | null;
  content: string;
  prev_hash: string | null;
  hash: string | null;
}

function columnsMatchContent(r: EventRow): boolean {
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(r.content) as Record<string, unknown>;
  } catch {
    return false;
  }
  return c.at === r.at && c.tokenId === r.token_id && c.role === r.role && c.actorOrg === r.actor_org
    && c.action === r.action && c.orgId === r.org_id && c.quarter === r.quarter;
}

/**
 * Verifies the whole chain: it is one chain per database, which may hold several committees, so
 * an event can only be vouched for by walking everything before it. With a scope the answer is
 * limited to that subtree's events (the same ones GET /api/audit lists): their count, the hash
 * of the last of them, and where the chain breaks only if it breaks at one of them — a break
 * elsewhere is reported as such, without naming another committee's event.
 */
export async function verifyChain(db: D1Database, scope?: ChainScope): Promise<ChainReport> {
  await sealAudit(db);
  const ids = scope
    ? new Set((await db.prepare('SELECT id FROM orgs WHERE path LIKE ?').bind(`${scope.path}%`).all<{ id: number }>()).results.map((r) => r.id))
    : null;
  const mine = (r: EventRow): boolean => !ids || (r.org_id !== null && ids.has(r.org_id)) || (r.actor_org !== null && ids.has(r.actor_org));
  const extra = scope ? { scope: scope.code } : {};
  let prev = GENESIS_HASH;
  let head = GENESIS_HASH;
  let after = -1;
  let count = 0;
  const broken = (r: EventRow, reason: string): ChainReport => (mine(r)
    ? { ok: false, events: count, head, brokenAt: r.seq, reason, ...extra }
    : { ok: false, events: count, head, reason: 'the chain breaks at an event outside your organisation; events after it cannot be vouched for', ...extra });
  const PAGE = 1000;
  for (;;) {
    const rows = (
      await db
        .prepare('SELECT seq, at, token_id, role, actor_org, action, org_id, quarter, content, prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?')
        .bind(after, PAGE)
        .all<EventRow>()
    ).results;
    for (const r of rows) {
      if (r.prev_hash !== prev) return broken(r, 'link to the previous event broken (an event was removed or altered)');
      if (r.hash === null || (await chainHash(prev, r.content)) !== r.hash) return broken(r, 'content does not match its hash');
      // The log is listed from these columns, so they must say what the hashed content says.
      if (!columnsMatchContent(r)) return broken(r, 'the event’s columns do not match its hashed content');
      prev = r.hash;
      after = r.seq;
      if (mine(r)) {
        head = r.hash;
        count += 1;
      }
    }
    if (rows.length < PAGE) break;
  }
  return { ok: true, events: count, head, ...extra };
}
