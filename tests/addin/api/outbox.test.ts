// The outbox: persistence, backoff, same key on retry, and answers that end a retry.
import { describe, expect, it } from 'vitest';
import { ApiError, errorKind } from '../../../addin/src/api/client';
import { BASE_DELAY_MS, MAX_DELAY_MS, Outbox, RevisionMemory, backoffDelay } from '../../../addin/src/api/outbox';
import type { Submission } from '../../../shared/api/contract';
import { receipt } from '../fakeApi';
import { memoryStore } from '../helpers';

const body = { quarter: '2026Q3' } as unknown as Submission;

describe('Outbox', () => {
  it('doubles the delay per attempt up to a ceiling', () => {
    expect(backoffDelay(1)).toBe(BASE_DELAY_MS);
    expect(backoffDelay(2)).toBe(BASE_DELAY_MS * 2);
    expect(backoffDelay(5)).toBe(BASE_DELAY_MS * 16);
    expect(backoffDelay(40)).toBe(MAX_DELAY_MS);
  });

  it('survives a new pane (same storage) and retries with backoff, keeping the key', async () => {
    let now = 1_000;
    const store = memoryStore();
    new Outbox(store, () => now).enqueue({ key: 'k1', quarter: '2026Q3', body, ifMatch: null });
    const box = new Outbox(store, () => now);
    expect(box.list()).toHaveLength(1);
    expect(box.nextDelay()).toBe(BASE_DELAY_MS);
    const keys: string[] = [];
    const offline = async (e: { key: string }) => {
      keys.push(e.key);
      throw new ApiError('NETWORK_ERROR', 'down');
    };
    expect((await box.flush(offline)).waiting).toBe(1);
    expect(keys).toEqual([]); // not due yet
    now += BASE_DELAY_MS;
    expect((await box.flush(offline)).waiting).toBe(1);
    expect(box.list()[0]!.attempts).toBe(2);
    expect(box.nextDelay()).toBe(BASE_DELAY_MS * 2);
    const r = await box.flush(async (e) => {
      keys.push(e.key);
      return receipt(1);
    }, true);
    expect(r.sent.map((s) => s.receipt.revision)).toEqual([1]);
    expect(keys).toEqual(['k1', 'k1']);
    expect(box.list()).toEqual([]);
    expect(store.getItem('duesbook.outbox')).toBeNull();
  });

  it('drops an entry the server refuses for good, and reports it', async () => {
    const box = new Outbox(memoryStore());
    box.enqueue({ key: 'k', quarter: '2026Q3', body, ifMatch: '"r1"' });
    const r = await box.flush(async () => {
      throw new ApiError('STALE_REVISION', 'newer exists', 412);
    }, true);
    expect(errorKind(r.refused[0]!.error)).toBe('stale');
    expect(r.waiting).toBe(0);
  });

  it('keeps only the newest unsent submission of a quarter', () => {
    const box = new Outbox(memoryStore());
    box.enqueue({ key: 'a', quarter: '2026Q3', body, ifMatch: null });
    box.enqueue({ key: 'b', quarter: '2026Q2', body, ifMatch: null });
    box.enqueue({ key: 'c', quarter: '2026Q3', body, ifMatch: null });
    expect(box.list().map((e) => e.key)).toEqual(['b', 'c']);
  });

  it('survives corrupt storage', () => {
    const store = memoryStore();
    store.setItem('duesbook.outbox', '{not json');
    expect(new Outbox(store).list()).toEqual([]);
  });

  it('remembers etags per branch and quarter', () => {
    const m = new RevisionMemory(memoryStore());
    m.set('ZB1', '2026Q3', '"r2"');
    expect(m.get('ZB1', '2026Q3')).toBe('"r2"');
    expect(m.get('ZB2', '2026Q3')).toBeNull();
  });
});
