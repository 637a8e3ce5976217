/**
 * Submissions that could not be sent (network down) wait here, in the browser's own storage
 * (never the workbook), and are retried with exponential backoff. Each keeps its
 * Idempotency-Key, so a retry whose first attempt did reach the server gets the first answer.
 */
import type { Submission, SubmissionReceipt } from '../../../shared/api/contract';
import { ApiError, errorKind } from './client';

export interface OutboxEntry {
  key: string;
  quarter: string;
  body: Submission;
  ifMatch: string | null;
  attempts: number;
  nextAt: number;
  queuedAt: number;
}

export type Send = (e: OutboxEntry) => Promise<SubmissionReceipt>;

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

export interface FlushResult {
  sent: { entry: OutboxEntry; receipt: SubmissionReceipt }[];
  /** Refused by the server for good (stale, locked, invalid): removed, shown to the clerk. */
  refused: { entry: OutboxEntry; error: ApiError }[];
  waiting: number;
}

export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = () => Date.now(),
  ) {}

  list(): OutboxEntry[] {
    try {
      const raw = this.store.getItem(OUTBOX_KEY);
      const v: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(v) ? (v as OutboxEntry[]) : [];
    } catch {
      return [];
    }
  }

  private write(entries: OutboxEntry[]): void {
    if (entries.length) this.store.setItem(OUTBOX_KEY, JSON.stringify(entries));
    else this.store.removeItem(OUTBOX_KEY);
  }

  enqueue(entry: Omit<OutboxEntry, 'attempts' | 'nextAt' | 'queuedAt'>): OutboxEntry {
    const e: OutboxEntry = { ...entry, attempts: 1, nextAt: this.now() + backoffDelay(1), queuedAt: this.now() };
    // A newer submission of the same quarter replaces an unsent older one.
    this.write([...this.list().filter((x) => x.quarter !== entry.quarter), e]);
    return e;
  }

  /** Milliseconds until the next entry is due, or null when empty. */
  nextDelay(): number | null {
    const l = this.list();
    if (!l.length) return null;
    return Math.max(0, Math.min(...l.map((e) => e.nextAt)) - this.now());
  }

  async flush(send: Send, force = false): Promise<FlushResult> {
    const result: FlushResult = { sent: [], refused: [], waiting: 0 };
    const keep: OutboxEntry[] = [];
    for (const entry of this.list()) {
      if (!force && entry.nextAt > this.now()) {
        keep.push(entry);
        continue;
      }
      try {
        const receipt = await send(entry);
        result.sent.push({ entry, receipt });
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError('BAD_ANSWER', String(e));
        if (errorKind(err) === 'offline' || errorKind(err) === 'server') {
          const attempts = entry.attempts + 1;
          keep.push({ ...entry, attempts, nextAt: this.now() + backoffDelay(attempts) });
        } else {
          result.refused.push({ entry, error: err });
        }
      }
    }
    this.write(keep);
    result.waiting = keep.length;
    return result;
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
