/**
 * Submissions that could not be sent (network down) wait here, in the browser's own storage
 * (never the workbook), and are retried with exponential backoff. Each keeps its
 * Idempotency-Key, so a retry whose first attempt did reach the server gets the first answer.
 *
 * An entry holds raw ID numbers, so it is bound to the branch and the token that queued it: it is
 * sent only while that same token is signed in (the body also names its branch, which the server
 * checks), never with whichever token signs in next. Nothing is dropped without a word: an entry
 * the server refuses, or one discarded at sign-out, stays as a stub (quarter, branch, reason —
 * its member list removed) until the clerk dismisses it. Sign-out removes every member list.
 */
import type { Submission, SubmissionReceipt } from '../../../shared/api/contract';
import { ApiError, errorKind } from './client';

/** Who may send an entry: the branch and a fingerprint of the token that queued it. */
export interface OutboxOwner {
  branch: string;
  tokenTag: string;
}

export type OutboxState = 'waiting' | 'refused' | 'discarded';

export interface OutboxEntry extends OutboxOwner {
  key: string;
  quarter: string;
  /** The submission (with raw IDs) while it waits; null once refused or discarded. */
  body: Submission | null;
  ifMatch: string | null;
  attempts: number;
  nextAt: number;
  queuedAt: number;
  state: OutboxState;
  /** Why it was refused (the server's words) or discarded. */
  reason?: string;
}

/** What the pane shows of an entry: never its member list. */
export interface OutboxItem {
  key: string;
  quarter: string;
  branch: string;
  state: OutboxState;
  /** Sendable now, by the token signed in. */
  mine: boolean;
  reason?: string;
}

export type Send = (e: OutboxEntry & { body: Submission }) => Promise<SubmissionReceipt>;

export interface KeyValueStore {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  removeItem(k: string): void;
}

const OUTBOX_KEY = 'duesbook.outbox';
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 5 * 60_000;

export function backoffDelay(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * A short fingerprint of a bearer token (two FNV-1a 32-bit hashes), kept beside an entry so it is
 * sent only by the token that queued it. Not a secret and not reversible: the token has 256 bits.
 */
export function tokenTag(token: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2 * i + 1) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export interface FlushResult {
  sent: { entry: OutboxEntry; receipt: SubmissionReceipt }[];
  /** Refused by the server for good (stale, locked, invalid): kept as a stub, shown to the clerk. */
  refused: { entry: OutboxEntry; error: ApiError }[];
  /** Entries this owner may still send. */
  waiting: number;
}

const owns = (e: OutboxOwner, o: OutboxOwner | null): boolean => !!o && e.branch === o.branch && e.tokenTag === o.tokenTag;

export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = () => Date.now(),
  ) {}

  list(): OutboxEntry[] {
    try {
      const raw = this.store.getItem(OUTBOX_KEY);
      const v: unknown = raw ? JSON.parse(raw) : [];
      if (!Array.isArray(v)) return [];
      return (v as Partial<OutboxEntry>[]).filter((e) => e && typeof e.key === 'string' && typeof e.quarter === 'string').map((e) => {
        // An entry from before entries were bound to a branch and token cannot be sent safely.
        if (typeof e.branch !== 'string' || typeof e.tokenTag !== 'string') {
          return { ...e, branch: e.branch ?? '', tokenTag: '', body: null, state: 'discarded', reason: 'unbound' } as OutboxEntry;
        }
        return { ...e, state: e.state ?? 'waiting' } as OutboxEntry;
      });
    } catch {
      return [];
    }
  }

  private write(entries: OutboxEntry[]): void {
    if (entries.length) this.store.setItem(OUTBOX_KEY, JSON.stringify(entries));
    else this.store.removeItem(OUTBOX_KEY);
  }

  enqueue(entry: Pick<OutboxEntry, 'key' | 'quarter' | 'ifMatch' | 'branch' | 'tokenTag'> & { body: Submission }): OutboxEntry {
    const e: OutboxEntry = { ...entry, attempts: 1, nextAt: this.now() + backoffDelay(1), queuedAt: this.now(), state: 'waiting' };
    // A newer submission of the same branch and quarter replaces an older one (sent or not).
    this.write([...this.list().filter((x) => !(x.quarter === entry.quarter && x.branch === entry.branch)), e]);
    return e;
  }

  /** What the pane shows: every entry (no member lists), and whether the signed-in token may send it. */
  items(owner: OutboxOwner | null): OutboxItem[] {
    return this.list().map((e) => ({
      key: e.key, quarter: e.quarter, branch: e.branch, state: e.state, mine: e.state === 'waiting' && owns(e, owner),
      ...(e.reason === undefined ? {} : { reason: e.reason }),
    }));
  }

  /** Entries this owner may send now or later. */
  waiting(owner: OutboxOwner | null): number {
    return this.list().filter((e) => e.state === 'waiting' && owns(e, owner)).length;
  }

  /** Milliseconds until this owner's next entry is due, or null when it has none. */
  nextDelay(owner: OutboxOwner | null): number | null {
    const l = this.list().filter((e) => e.state === 'waiting' && owns(e, owner));
    if (!l.length) return null;
    return Math.max(0, Math.min(...l.map((e) => e.nextAt)) - this.now());
  }

  /** Sends this owner's due entries; everyone else's stay untouched. */
  async flush(send: Send, owner: OutboxOwner, force = false): Promise<FlushResult> {
    const result: FlushResult = { sent: [], refused: [], waiting: 0 };
    const outcome = new Map<string, OutboxEntry | null>();
    for (const entry of this.list()) {
      if (entry.state !== 'waiting' || !owns(entry, owner) || entry.body === null) continue;
      if (!force && entry.nextAt > this.now()) continue;
      try {
        const receipt = await send(entry as OutboxEntry & { body: Submission });
        result.sent.push({ entry, receipt });
        outcome.set(entry.key, null);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError('BAD_ANSWER', String(e));
        if (errorKind(err) === 'offline' || errorKind(err) === 'server') {
          const attempts = entry.attempts + 1;
          outcome.set(entry.key, { ...entry, attempts, nextAt: this.now() + backoffDelay(attempts) });
        } else {
          // Refused for good: the member list goes, the stub says why until dismissed.
          result.refused.push({ entry, error: err });
          outcome.set(entry.key, { ...entry, body: null, state: 'refused', reason: err.message });
        }
      }
    }
    // Re-read: an entry queued while sending must not be lost.
    const keep = this.list().flatMap((e) => {
      if (!outcome.has(e.key)) return [e];
      const o = outcome.get(e.key);
      return o ? [o] : [];
    });
    this.write(keep);
    result.waiting = keep.filter((e) => e.state === 'waiting' && owns(e, owner)).length;
    return result;
  }

  /** Sign-out: every member list is removed; what was still waiting stays as a stub to re-submit. */
  signOut(): void {
    this.write(this.list().map((e) => (e.state === 'waiting' ? { ...e, body: null, state: 'discarded', reason: 'signed-out' } : { ...e, body: null })));
  }

  dismiss(key: string): void {
    this.write(this.list().filter((e) => e.key !== key));
  }
}

/** The ETag of the last receipt per branch and quarter, for If-Match on the next submission. */
export class RevisionMemory {
  constructor(private readonly store: KeyValueStore) {}
  private k(branch: string, quarter: string) {
    return `duesbook.etag.${branch}.${quarter}`;
  }
  get(branch: string, quarter: string): string | null {
    return this.store.getItem(this.k(branch, quarter));
  }
  set(branch: string, quarter: string, etag: string): void {
    this.store.setItem(this.k(branch, quarter), etag);
  }
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
