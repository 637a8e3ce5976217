// The check runner: a Web Worker when possible, the main thread when the worker cannot start.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRunner, mainThreadRunner } from '../../../addin/src/check/runner';
import { readFileSync } from 'node:fs';
import { FIXTURE, cleanGrids, fixtureGrids } from '../helpers';

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
  it('reads in the worker with progress, hands back each sheet’s first rows only, and checks the whole by reference', async () => {
    const { readWorkbookOffThread, workerRunner } = await import('../../../addin/src/check/runner');
    const { HEAD_ROWS } = await import('../../../addin/src/file/keptGrids');
    const { InProcessWorker, cellsIn } = await import('../inProcessWorker');
    vi.stubGlobal('Worker', InProcessWorker);
    InProcessWorker.instances = [];
    const runner = workerRunner();
    const file = readFileSync(FIXTURE);
    const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    const progress: [number, number][] = [];
    const kept = await readWorkbookOffThread(bytes, (d, t) => progress.push([d, t]));
    const w = InProcessWorker.instances[0]!;
    expect(w.posted[0]!.kind).toBe('read');
    expect(bytes.byteLength).toBe(file.byteLength); // the pane keeps its own copy for the corrected download
    expect(progress[0]).toEqual([0, 1]);
    expect(progress.length).toBeGreaterThan(2);
    // The head: every sheet's first HEAD_ROWS rows, exactly as read, and how many rows each has.
    const full = await fixtureGrids();
    expect(kept.head.rows).toEqual(full.map((g) => g.values.length));
    expect(Math.max(...full.map((g) => g.values.length))).toBeGreaterThan(HEAD_ROWS);
    expect(kept.head.grids.map((g) => g.values)).toEqual(full.map((g) => g.values.slice(0, HEAD_ROWS)));
    const readAnswer = w.answered.at(-1)!;
    expect(cellsIn(readAnswer.data)).toBeLessThan(cellsIn(full));
    // The check of the head names the grids kept in the worker: all 43 members are checked.
    const r = await runner.run({ grids: kept.head.grids, asOf: '2026-09-30' });
    const check = w.sent('check')[0] as { gridsRef?: number; req: { grids: unknown[] } };
    expect(check.gridsRef).toBeGreaterThan(0);
    expect(check.req.grids).toEqual([]);
    const here = await mainThreadRunner().run({ grids: full, asOf: '2026-09-30' });
    expect(r.summary).toEqual(here.summary);
    expect(r.findings).toEqual(here.findings);
    // A row beyond the head is asked for.
    const last = full[0]!.values.length - 1;
    expect(await kept.rows(full[0]!.name, last, last)).toEqual({ name: full[0]!.name, values: [full[0]!.values[last]], origin: { row: last, col: 0 } });
  });

  it('refuses to check the head alone once the worker that keeps the grids is gone', async () => {
    const { readWorkbookOffThread, defaultRunner } = await import('../../../addin/src/check/runner');
    const { InProcessWorker } = await import('../inProcessWorker');
    vi.stubGlobal('Worker', InProcessWorker);
    InProcessWorker.instances = [];
    const runner = defaultRunner();
    const file = readFileSync(FIXTURE);
    const kept = await readWorkbookOffThread(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const w = InProcessWorker.instances[0]!;
    w.onerror!({ message: 'worker crashed' });
    await expect(runner.run({ grids: kept.head.grids, asOf: '2026-09-30' })).rejects.toThrow(/no longer here/);
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
    const file = readFileSync(FIXTURE);
    const kept = await readWorkbookOffThread(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    expect(kept.head.grids).toEqual(await fixtureGrids());
  });
});
