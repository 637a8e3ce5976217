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
    const r = await mainThreadRunner().run({ grids: await fixtureGrids(), asOf: '2026-09-30' });
    expect(r.summary.members).toBe(43);
    expect(r.findings.some((f) => f.code === 'ID_CHECKSUM')).toBe(true);
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
    const msg = w.posted[0] as { id: number; req: { asOf: string } };
    expect(msg.req.asOf).toBe('2026-09-30');
    const answer = await mainThreadRunner().run({ grids, asOf: '2026-09-30' });
    w.onmessage!({ data: { id: msg.id, ok: true, result: answer } });
    expect((await pending).summary.members).toBe(6);
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
