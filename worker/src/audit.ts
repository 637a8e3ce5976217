/**
 * The audit log: every submission, review, lock, token and org change, settings change and
 * download is one event, appended in the same batch as the change it records. Each event stores
 * the previous event's hash and hash(prev || '\n' || content), so editing or deleting any event
 * breaks the chain at that point (verifyChain finds where).
 */
import type { Auth } from './env';
import { sha256Hex } from './crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHead {
  seq: number;
  hash: string;
}

export const AUDIT_HEAD_SQL = 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1';

export async function auditHead(db: D1Database): Promise<AuditHead> {
  return (await db.prepare(AUDIT_HEAD_SQL).first<AuditHead>()) ?? { seq: 0, hash: GENESIS_HASH };
}

export interface AuditEvent {
  action: string;
  orgId: number | null;
  quarter?: string | null;
  details?: Record<string, unknown>;
}

/** The exact text that is hashed; its key order is fixed here. */
export function auditContent(seq: number, at: string, auth: Auth | null, e: AuditEvent): string {
  return JSON.stringify({
    seq,
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

/**
 * The INSERT for the next event after `head`. If another writer appended first, the batch
 * fails on the seq primary key and the caller retries (see withAuditRetry) — the chain never forks.
 */
export async function auditStatement(db: D1Database, head: AuditHead, auth: Auth | null, e: AuditEvent, at: string): Promise<D1PreparedStatement> {
  const seq = head.seq + 1;
  const content = auditContent(seq, at, auth, e);
  const hash = await chainHash(head.hash, content);
  return db
    .prepare(
      `INSERT INTO audit_events (seq, at, token_id, role, actor_org, action, org_id, quarter, content, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(seq, at, auth?.tokenId ?? null, auth?.role ?? null, auth?.org.id ?? null, e.action, e.orgId, e.quarter ?? null, content, head.hash, hash);
}

export function isAuditConflict(err: unknown): boolean {
  const msg = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
  return /UNIQUE constraint failed: audit_events\.(seq|hash)/.test(msg);
}

/** Runs a read-then-batch operation, retrying when a concurrent writer took the next audit seq. */
export async function withAuditRetry<T>(op: () => Promise<T>, attempts = 8, retryable: (err: unknown) => boolean = isAuditConflict): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (err) {
      if (i >= attempts || !retryable(err)) throw err;
      // Jittered, growing back-off so a crowd of writers spreads out instead of colliding again.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 4 * Math.min(i, 10))));
    }
  }
}

/** Convenience for changes that are one or more statements plus their audit event. */
export async function writeAudited(db: D1Database, auth: Auth | null, e: AuditEvent, build: () => D1PreparedStatement[]): Promise<void> {
  await withAuditRetry(async () => {
    const head = await auditHead(db);
    const at = new Date().toISOString();
    await db.batch([...build(), await auditStatement(db, head, auth, e, at)]);
  });
}

export interface ChainReport {
  ok: boolean;
  events: number;
  head: string;
  /** The first event whose link or hash does not hold. */
  brokenAt?: number;
  reason?: string;
}

export async function verifyChain(db: D1Database): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let expectSeq = 1;
  let count = 0;
  const PAGE = 1000;
  for (;;) {
    const rows = (
      await db
        .prepare('SELECT seq, content, prev_hash, hash FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?')
        .bind(expectSeq, PAGE)
        .all<{ seq: number; content: string; prev_hash: string; hash: string }>()
    ).results;
    for (const r of rows) {
      if (r.seq !== expectSeq) return { ok: false, events: count, head: prev, brokenAt: expectSeq, reason: 'event missing' };
      if (r.prev_hash !== prev) return { ok: false, events: count, head: prev, brokenAt: r.seq, reason: 'link to previous event broken' };
      let seqInContent: unknown;
      try {
        seqInContent = (JSON.parse(r.content) as { seq?: unknown }).seq;
      } catch {
        seqInContent = null;
      }
      if (seqInContent !== r.seq || (await chainHash(prev, r.content)) !== r.hash) {
        return { ok: false, events: count, head: prev, brokenAt: r.seq, reason: 'content does not match its hash' };
      }
      prev = r.hash;
      expectSeq += 1;
      count += 1;
    }
    if (rows.length < PAGE) break;
  }
  return { ok: true, events: count, head: prev };
}
