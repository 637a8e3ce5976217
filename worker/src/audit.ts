/**
 * The audit log: every submission, review, lock, token and org change, settings change and
 * download is one event, inserted in the same batch as the change it records (so there is no
 * change without its event).
 *
 * Each committee (党委) has its own chain, keyed with AUDIT_HMAC_KEY — a secret the database does
 * not hold, so whoever can write the database still cannot forge, edit or re-chain an event:
 * - at insert, mac = HMAC(key, "event\n" || content): the sealer links only events whose MAC holds,
 *   so a row inserted straight into the database is never sealed;
 * - right after the batch commits the event is sealed: prev_hash = the previous event of the same
 *   committee, hash = HMAC(key, prev_hash || '\n' || content). Sealing is deterministic, so
 *   concurrent sealers agree; writers never contend for the chain's head;
 * - verifying never seals: it walks only the caller's committee and names the first event that
 *   does not hold; it returns the committee's head as an anchor ("seq:hash") that clients keep and
 *   send back (?anchor=), so removing the newest events or rewriting the chain is found too.
 */
import { secret, type Auth } from './env';
import { hmacHex } from './crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  orgId: number | null;
  quarter?: string | null;
  details?: Record<string, unknown>;
}

/** What the audit code needs of the environment. */
export interface AuditEnv {
  DB: D1Database;
  AUDIT_HMAC_KEY?: string;
}

/** The chain's key; without a real one the chain would be forgeable, so nothing is written. */
export function auditKey(env: AuditEnv): string {
  return secret(env, 'AUDIT_HMAC_KEY');
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

export async function chainHash(key: string, prev: string, content: string): Promise<string> {
  return hmacHex(key, `${prev}\n${content}`);
}

/** The MAC an event gets when the app writes it (a different message from any link). */
export async function eventMac(key: string, content: string): Promise<string> {
  return hmacHex(key, `event\n${content}`);
}

/** The INSERT of an event, to go into the batch of the change it records. */
export async function auditStatement(env: AuditEnv, auth: Auth | null, e: AuditEvent, at: string): Promise<D1PreparedStatement> {
  const key = auditKey(env);
  const content = auditContent(at, auth, e);
  return env.DB
    .prepare(
      `INSERT INTO audit_events (at, token_id, role, actor_org, action, org_id, quarter, content, root_id, mac)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, COALESCE((SELECT root_id FROM orgs WHERE id = ?6), ?9), ?10)`,
    )
    .bind(at, auth?.tokenId ?? null, auth?.role ?? null, auth?.org.id ?? null, e.action, e.orgId, e.quarter ?? null, content, auth?.org.root_id ?? null, await eventMac(key, content));
}

const SEAL_PAGE = 500;

interface OpenRow {
  seq: number;
  root_id: number | null;
  content: string;
  mac: string | null;
}

/**
 * Links every unsealed event into its committee's chain, oldest first. Safe to run concurrently.
 * An event whose MAC does not hold (not written by the app) is never sealed, and nothing after
 * it in its committee is either: verify names it.
 */
export async function sealAudit(env: AuditEnv): Promise<void> {
  const key = auditKey(env);
  const db = env.DB;
  for (let round = 0; round < 50; round++) {
    const open = (await db.prepare('SELECT seq, root_id, content, mac FROM audit_events WHERE hash IS NULL ORDER BY seq LIMIT ?').bind(SEAL_PAGE).all<OpenRow>()).results;
    if (!open.length) return;
    const byRoot = new Map<number | null, OpenRow[]>();
    for (const r of open) {
      const l = byRoot.get(r.root_id);
      if (l) l.push(r);
      else byRoot.set(r.root_id, [r]);
    }
    const updates: D1PreparedStatement[] = [];
    let busy = false;
    let blocked = 0;
    for (const [root, rows] of byRoot) {
      const first = rows[0] as OpenRow;
      const before = await db.prepare('SELECT hash FROM audit_events WHERE root_id IS ? AND seq < ? ORDER BY seq DESC LIMIT 1').bind(root, first.seq).first<{ hash: string | null }>();
      // An older event of this chain still unsealed: another sealer is mid-way, or it is forged.
      if (before && before.hash === null) {
        busy = true;
        blocked += rows.length;
        continue;
      }
      let prev = before?.hash ?? GENESIS_HASH;
      for (const r of rows) {
        if (r.root_id === null || r.mac === null || r.mac !== (await eventMac(key, r.content))) {
          blocked += 1;
          break;
        }
        const hash = await chainHash(key, prev, r.content);
        updates.push(db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ? AND hash IS NULL').bind(prev, hash, r.seq));
        prev = hash;
      }
    }
    if (updates.length) await db.batch(updates);
    if (!busy && (open.length < SEAL_PAGE || !updates.length)) return;
    if (!updates.length && blocked >= open.length) await new Promise((r) => setTimeout(r, 5 + round));
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
 * is sealed by the next write, in order (never by a verification).
 */
export async function sealAfterWrite(env: AuditEnv): Promise<void> {
  try {
    await sealAudit(env);
  } catch (e) {
    console.warn('audit sealing deferred', e);
  }
}

/** A change (one or more statements) and its audit event in one batch, then sealed. */
export async function writeAudited(env: AuditEnv, auth: Auth | null, e: AuditEvent, build: () => D1PreparedStatement[]): Promise<void> {
  const event = await auditStatement(env, auth, e, new Date().toISOString());
  await env.DB.batch([...build(), event]);
  await sealAfterWrite(env);
}

export interface ChainReport {
  ok: boolean;
  /** Events verified (in scope: about the caller's subtree) before the end or the break. */
  events: number;
  /** Hash of the last verified event in scope (GENESIS_HASH when none). */
  head: string;
  /** The committee chain's last sealed event as "seq:hash": keep it and send it back as ?anchor=. */
  anchor: string;
  /** Events written and not yet sealed (sealed by the next write), after the head. */
  pending: number;
  /** Events sealed before the chain was keyed: listed, but not vouched for. */
  legacy: number;
  /** The first event whose link or hash does not hold, when it is in scope. */
  brokenAt?: number;
  reason?: string;
  /** The org code whose subtree the report speaks of. */
  scope?: string;
}

/** Whose events a verification speaks of: a subtree (events about it or made from it) of one committee. */
export interface ChainScope {
  code: string;
  path: string;
  root_id: number;
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
  mac: string | null;
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

const ANCHOR = /^(\d{1,15}):([0-9a-f]{64})$/;
export const isAnchor = (s: string): boolean => ANCHOR.test(s);

/**
 * Verifies the caller's committee chain (only it: the cost follows the caller's own data) without
 * sealing anything. The answer is limited to the scope's subtree (the events GET /api/audit lists):
 * their count, the hash of the last of them, and where the chain breaks only if it breaks at one of
 * them. `anchor`, a head kept from an earlier answer, must still be in the chain with its hash.
 */
export async function verifyChain(env: AuditEnv, scope: ChainScope, anchor?: string): Promise<ChainReport> {
  const key = auditKey(env);
  const db = env.DB;
  const ids = new Set((await db.prepare('SELECT id FROM orgs WHERE path LIKE ?').bind(`${scope.path}%`).all<{ id: number }>()).results.map((r) => r.id));
  const mine = (r: EventRow): boolean => (r.org_id !== null && ids.has(r.org_id)) || (r.actor_org !== null && ids.has(r.actor_org));
  const kept = anchor ? ANCHOR.exec(anchor) : null;
  let prev = GENESIS_HASH;
  let head = GENESIS_HASH;
  let last = `0:${GENESIS_HASH}`;
  let after = -1;
  let count = 0;
  let pending = 0;
  let legacy = 0;
  let keyed = false;
  let anchorSeen = false;
  const report = (ok: boolean, extra: Partial<ChainReport> = {}): ChainReport => ({ ok, events: count, head, anchor: last, pending, legacy, scope: scope.code, ...extra });
  const broken = (r: EventRow, reason: string): ChainReport => (mine(r)
    ? report(false, { brokenAt: r.seq, reason })
    : report(false, { reason: `the chain breaks at an event outside your organisation (${reason}); events after it cannot be vouched for` }));
  const PAGE = 1000;
  for (;;) {
    const rows = (
      await db
        .prepare('SELECT seq, at, token_id, role, actor_org, action, org_id, quarter, content, prev_hash, hash, mac FROM audit_events WHERE root_id = ? AND seq > ? ORDER BY seq LIMIT ?')
        .bind(scope.root_id, after, PAGE)
        .all<EventRow>()
    ).results;
    for (const r of rows) {
      after = r.seq;
      if (r.mac === null) {
        // Sealed before the chain was keyed: only ever a prefix of the committee's chain.
        if (keyed || pending || r.hash === null) return broken(r, 'an event without a MAC: it was not written by the app');
        legacy += 1;
        continue;
      }
      if (r.mac !== (await eventMac(key, r.content))) return broken(r, 'the event’s MAC does not hold: it was not written by the app, or was altered');
      if (r.hash === null) {
        pending += 1;
        continue;
      }
      if (pending) return broken(r, 'a sealed event follows an unsealed one (the chain was rewritten)');
      keyed = true;
      if (r.prev_hash !== prev) return broken(r, 'link to the previous event broken (an event was removed or altered)');
      if ((await chainHash(key, prev, r.content)) !== r.hash) return broken(r, 'content does not match its hash');
      // The log is listed from these columns, so they must say what the hashed content says.
      if (!columnsMatchContent(r)) return broken(r, 'the event’s columns do not match its hashed content');
      prev = r.hash;
      last = `${r.seq}:${r.hash}`;
      if (kept && Number(kept[1]) === r.seq) {
        if (kept[2] !== r.hash) return report(false, { reason: 'the head you kept is no longer in the chain (the chain was rewritten from it on)' });
        anchorSeen = true;
      }
      if (mine(r)) {
        head = r.hash;
        count += 1;
      }
    }
    if (rows.length < PAGE) break;
  }
  if (kept && !anchorSeen && !(Number(kept[1]) === 0 && kept[2] === GENESIS_HASH)) {
    return report(false, { reason: 'the head you kept is no longer in the chain (events were removed)' });
  }
  return report(true);
}
