// The outbox: persistence, backoff, same key on retry, and answers that end a retry.
import { describe, expect, it } from 'vitest';
import { ApiError, errorKind } from '../../../addin/src/api/client';
import { BASE_DELAY_MS, MAX_DELAY_MS, Outbox, RevisionMemory, backoffDelay, tokenTag } from '../../../addin/src/api/outbox';
import type { Submission } from '../../../shared/api/contract';
import { receipt } from '../fakeApi';
import { memoryStore } from '../helpers';

const body = { quarter: '2026Q3', members: [{ name: '张三', idNumber: '110105194912310021' }] } as unknown as Submission;
const A = { branch: 'ZB1', tokenTag: tokenTag('dbk_clerk_of_ZB1') };
const B = { branch: 'ZB2', tokenTag: tokenTag('dbk_clerk_of_ZB2') };

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
    new Outbox(store, () => now).enqueue({ key: 'k1', quarter: '2026Q3', body, ifMatch: null, ...A });
    const box = new Outbox(store, () => now);
    expect(box.list()).toHaveLength(1);
    expect(box.nextDelay(A)).toBe(BASE_DELAY_MS);
    const keys: string[] = [];
    const offline = async (e: { key: string }) => {
      keys.push(e.key);
      throw new ApiError('NETWORK_ERROR', 'down');
    };
    expect((await box.flush(offline, A)).waiting).toBe(1);
    expect(keys).toEqual([]); // not due yet
    now += BASE_DELAY_MS;
    expect((await box.flush(offline, A)).waiting).toBe(1);
    expect(box.list()[0]!.attempts).toBe(2);
    expect(box.nextDelay(A)).toBe(BASE_DELAY_MS * 2);
    const r = await box.flush(async (e) => {
      keys.push(e.key);
      return receipt(1);
    }, A, true);
    expect(r.sent.map((s) => s.receipt.revision)).toEqual([1]);
    expect(keys).toEqual(['k1', 'k1']);
    expect(box.list()).toEqual([]);
    expect(store.getItem('duesbook.outbox')).toBeNull();
  });

  it('keeps an entry the server refuses for good as a stub without its member list, and reports it', async () => {
    const box = new Outbox(memoryStore());
    box.enqueue({ key: 'k', quarter: '2026Q3', body, ifMatch: '"r1"', ...A });
    const r = await box.flush(async () => {
      throw new ApiError('STALE_REVISION', 'newer exists', 412);
    }, A, true);
    expect(errorKind(r.refused[0]!.error)).toBe('stale');
    expect(r.waiting).toBe(0);
    expect(box.items(A)).toEqual([{ key: 'k', quarter: '2026Q3', branch: 'ZB1', state: 'refused', mine: false, reason: 'newer exists' }]);
    expect(box.list()[0]!.body).toBeNull();
    box.dismiss('k');
    expect(box.list()).toEqual([]);
  });

  it('keeps only the newest unsent submission of a quarter', () => {
    const box = new Outbox(memoryStore());
    box.enqueue({ key: 'a', quarter: '2026Q3', body, ifMatch: null, ...A });
    box.enqueue({ key: 'b', quarter: '2026Q2', body, ifMatch: null, ...A });
    box.enqueue({ key: 'c', quarter: '2026Q3', body, ifMatch: null, ...A });
    expect(box.list().map((e) => e.key)).toEqual(['b', 'c']);
  });

  it('sends an entry only for the branch and token that queued it', async () => {
    const store = memoryStore();
    const box = new Outbox(store);
    box.enqueue({ key: 'ka', quarter: '2026Q3', body, ifMatch: null, ...A });
    const sent: string[] = [];
    const send = async (e: { key: string }) => {
      sent.push(e.key);
      return receipt(1);
    };
    // Another branch's clerk, finance (no owner is ever made for it) or a new token of the same branch: nothing is sent.
    expect((await box.flush(send, B, true)).sent).toEqual([]);
    expect((await box.flush(send, { branch: 'ZB1', tokenTag: tokenTag('dbk_another_token') }, true)).sent).toEqual([]);
    expect(sent).toEqual([]);
    expect(box.items(B)).toEqual([{ key: 'ka', quarter: '2026Q3', branch: 'ZB1', state: 'waiting', mine: false }]);
    expect(box.waiting(B)).toBe(0);
    expect(box.nextDelay(B)).toBeNull();
    expect(box.waiting(A)).toBe(1);
    expect((await box.flush(send, A, true)).sent.map((x) => x.entry.key)).toEqual(['ka']);
    expect(store.getItem('duesbook.outbox')).toBeNull();
  });

  it('removes every raw ID at sign-out, leaving a stub that says what was not sent', () => {
    const store = memoryStore();
    const box = new Outbox(store);
    box.enqueue({ key: 'ka', quarter: '2026Q3', body, ifMatch: null, ...A });
    expect(store.getItem('duesbook.outbox')).toContain('110105194912310021');
    box.signOut();
    expect(store.getItem('duesbook.outbox')).not.toContain('110105194912310021');
    expect(store.getItem('duesbook.outbox')).not.toContain('张三');
    expect(box.items(A)).toEqual([{ key: 'ka', quarter: '2026Q3', branch: 'ZB1', state: 'discarded', mine: false, reason: 'signed-out' }]);
    expect(box.waiting(A)).toBe(0);
  });

  it('never sends an entry stored before entries were bound to a branch', async () => {
    const store = memoryStore();
    store.setItem('duesbook.outbox', JSON.stringify([{ key: 'old', quarter: '2026Q3', body, ifMatch: null, attempts: 1, nextAt: 0, queuedAt: 0 }]));
    const box = new Outbox(store);
    const r = await box.flush(async () => receipt(1), A, true);
    expect(r.sent).toEqual([]);
    expect(box.items(A)[0]).toMatchObject({ key: 'old', state: 'discarded', mine: false });
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
