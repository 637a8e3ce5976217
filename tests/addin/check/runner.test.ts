// The check runner: a Web Worker when possible, the main thread when the worker cannot start.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRunner, mainThreadRunner } from '../../../addin/src/check/runner';
import { cleanGrids, fixtureGrids } from '../helpers';

type Listener = ((ev: { data?: unknown; message?: string }) => void) | null;

class FakeWorker {
  static instances: FakeWorker[] = [];
  onmessage: Listener = null;
  onerror: Listener = null;
  posted: unknown[] = [];
  constructor(
    public url: URL,
    public opts: WorkerOptions,
  ) {
    FakeWorker.instances.push(this);
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.instances = [];
});

describe('check runner', () => {
  it('runs the real checker on the main thread where there is no Worker (jsdom)', async () => {
    const runner = mainThreadRunner();
    await expect(runner.submission('2026Q3')).rejects.toThrow(/nothing checked/);
    const r = await runner.run({ grids: await fixtureGrids(), asOf: '2026-09-30' });
    expect(r.summary.members).toBe(43);
    expect(r.findings.some((f) => f.code === 'ID_CHECKSUM')).toBe(true);
    await expect(runner.submission('2026Q3')).rejects.toThrow(/error/);
    await runner.run({ grids: await cleanGrids(), asOf: '2026-09-30' });
    expect((await runner.submission('2026Q3')).totals).toEqual({ members: 6, dueFen: 72000, paidFen: 72000 });
  });

  it('keeps member records in the session and hands the views a light result', async () => {
    const { CheckSession } = await import('../../../addin/src/check/engine');
    const session = new CheckSession();
    const full = session.check({ grids: await cleanGrids(), asOf: '2026-09-30' });
    expect(full.members).toHaveLength(6);
    const light = CheckSession.light(full);
    expect(light.members).toEqual([]);
    expect(light.summary).toEqual(full.summary);
    expect(session.submission('2026Q3').members).toHaveLength(6);
  });

  it('sends the check to a module Web Worker and returns its answer', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const runner = defaultRunner();
    expect(runner.offThread).toBe(true);
    const grids = await cleanGrids();
    const pending = runner.run({ grids, asOf: '2026-09-30' });
    const w = FakeWorker.instances[0]!;
    expect(w.opts).toEqual({ type: 'module' });
    expect(String(w.url)).toMatch(/check\.worker\.ts/);
    const msg = w.posted[0] as { id: number; kind: string; req: { asOf: string } };
    expect([msg.kind, msg.req.asOf]).toEqual(['check', '2026-09-30']);
    const answer = await mainThreadRunner().run({ grids, asOf: '2026-09-30' });
    w.onmessage!({ data: { id: msg.id, ok: true, value: { ...answer, members: [] } } });
    expect((await pending).summary.members).toBe(6);
    // The submission is built in the worker, from the members it kept.
    const sub = runner.submission('2026Q3');
    const ask = w.posted[1] as { id: number; kind: string; quarter: string };
    expect([ask.kind, ask.quarter]).toEqual(['submission', '2026Q3']);
    w.onmessage!({ data: { id: ask.id, ok: true, value: { quarter: '2026Q3', members: [] } } });
    expect((await sub).quarter).toBe('2026Q3');
  });

  it('passes on a failed check, but falls back to the main thread when the worker cannot run', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const runner = defaultRunner();
    const grids = await cleanGrids();
    const failing = runner.run({ grids, asOf: '2026-09-30' });
    const w = FakeWorker.instances[0]!;
    w.onmessage!({ data: { id: (w.posted[0] as { id: number }).id, ok: false, error: 'bad grid' } });
    await expect(failing).rejects.toThrow('bad grid');
    expect(runner.offThread).toBe(true);
    const recovering = runner.run({ grids, asOf: '2026-09-30' });
    w.onerror!({ message: 'blocked by CSP' });
    expect((await recovering).summary.members).toBe(6);
    expect(runner.offThread).toBe(false);
  });
});
