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

describe('reading a dropped file in the worker (browser mode)', () => {
  it('sends the bytes, passes progress on, assembles the grids from slices, and checks them by reference', async () => {
    const { readWorkbookOffThread, workerRunner } = await import('../../../addin/src/check/runner');
    const { gridParts, CheckSession } = await import('../../../addin/src/check/engine');
    vi.stubGlobal('Worker', FakeWorker);
    const runner = workerRunner();
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const progress: [number, number][] = [];
    const reading = readWorkbookOffThread(bytes, (d, t) => progress.push([d, t]));
    await vi.waitFor(() => expect(FakeWorker.instances[0]?.posted).toHaveLength(1));
    const w = FakeWorker.instances[0]!;
    const ask = w.posted[0] as { id: number; kind: string; bytes: ArrayBuffer };
    expect(ask.kind).toBe('read');
    expect(new Uint8Array(ask.bytes)).toEqual(new Uint8Array([1, 2, 3]));
    expect(bytes.byteLength).toBe(3); // the pane keeps its own copy for the corrected download
    // What the worker sends: progress, the grids in slices (a 4,500-row sheet takes 9 of 500 rows), its ref.
    const big = { name: '党费登记', values: Array.from({ length: 4500 }, (_, r) => [r, `党员${r}`]), formats: [[], ['', '@']], formulas: [], origin: { row: 0, col: 0 }, merges: [] };
    const source = [...(await fixtureGrids()), big];
    w.onmessage!({ data: { id: ask.id, progress: [5, 10] } });
    const parts = [...gridParts(source)];
    expect(parts.filter((p) => p.index === source.length - 1)).toHaveLength(9);
    expect(parts.every((p) => p.values.length <= 500)).toBe(true);
    for (const sheet of parts) w.onmessage!({ data: { id: ask.id, sheet } });
    w.onmessage!({ data: { id: ask.id, ok: true, value: 7 } });
    const grids = await reading;
    expect(grids).toEqual(source);
    expect(progress).toEqual([[0, 1], [5, 10]]);
    // The check of those grids names them instead of sending 300,000 cells back.
    const checking = runner.run({ grids, asOf: '2026-09-30' });
    const check = w.posted[1] as { id: number; kind: string; gridsRef: number; req: { grids: unknown[] } };
    expect([check.kind, check.gridsRef, check.req.grids]).toEqual(['check', 7, []]);
    const session = new CheckSession();
    w.onmessage!({ data: { id: check.id, ok: true, value: CheckSession.light(session.check({ grids, asOf: '2026-09-30' })) } });
    expect((await checking).summary.members).toBeGreaterThan(0);
    // Other grids (after a fix, say) still go whole.
    void runner.run({ grids: grids.slice(), asOf: '2026-09-30' });
    expect((w.posted[2] as { gridsRef?: number }).gridsRef).toBeUndefined();
  });

  it('a file the worker cannot read rejects with the reader’s message', async () => {
    const { readWorkbookOffThread, workerRunner } = await import('../../../addin/src/check/runner');
    vi.stubGlobal('Worker', FakeWorker);
    workerRunner();
    const reading = readWorkbookOffThread(new ArrayBuffer(4));
    await vi.waitFor(() => expect(FakeWorker.instances[0]?.posted).toHaveLength(1));
    const w = FakeWorker.instances[0]!;
    w.onmessage!({ data: { id: (w.posted[0] as { id: number }).id, ok: false, error: 'the file is not a zip package, so not an .xlsx workbook' } });
    await expect(reading).rejects.toThrow(/not a zip package/);
  });

  it('reads on the main thread where there is no Worker', async () => {
    const { readWorkbookOffThread } = await import('../../../addin/src/check/runner');
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const file = readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/branch-sample-2026.xlsx'));
    const grids = await readWorkbookOffThread(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    expect(grids).toEqual(await fixtureGrids());
  });
});
