/**
 * Runs the checker in a Web Worker when the platform has one (Excel, browsers), else on the
 * calling thread (jsdom tests). The pane only sees `CheckRunner`. Results off the worker come
 * without member records (they stay in the worker); `submission()` builds from them there.
 */
import type { Submission } from '../../../shared/api/contract';
import type { Grid } from '../../../shared/grid';
import type { CheckRequest, CheckResult, CheckSession, GridPart } from './engine';

export interface CheckRunner {
  readonly offThread: boolean;
  run(req: CheckRequest): Promise<CheckResult>;
  /** The quarter's submission built from the last run's result. */
  submission(quarter: string): Promise<Submission>;
}

/** Raised when the worker itself could not run (blocked script, CSP), not when the check failed. */
export class WorkerUnavailable extends Error {}

export function mainThreadRunner(): CheckRunner {
  let session: CheckSession | null = null;
  const load = async () => {
    if (!session) session = new (await import('./engine')).CheckSession();
    return session;
  };
  return {
    offThread: false,
    async run(req) {
      return (await load()).check(req);
    },
    async submission(quarter) {
      return (await load()).submission(quarter);
    },
  };
}

/** Grids read in a worker, by the id that worker keeps them under (so a check need not send them back). */
const readInWorker = new WeakMap<Grid[], { worker: Worker; ref: number }>();

interface Channel {
  call<T>(msg: Record<string, unknown>, transfer?: Transferable[], onMessage?: (data: WorkerMessage) => void): Promise<T>;
  current(): Worker;
}

type WorkerMessage = { id: number; ok?: boolean; value?: unknown; error?: string; progress?: [number, number]; sheet?: GridPart };

let latest: Channel | null = null;

export function workerRunner(): CheckRunner & { channel: Channel } {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; onMessage?: (data: WorkerMessage) => void }>();
  const ensure = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const p = pending.get(ev.data.id);
      if (!p) return;
      if (ev.data.ok === undefined) {
        p.onMessage?.(ev.data);
        return;
      }
      pending.delete(ev.data.id);
      if (ev.data.ok) p.resolve(ev.data.value);
      else p.reject(new Error(ev.data.error ?? 'check failed'));
    };
    worker.onerror = (ev) => {
      for (const p of pending.values()) p.reject(new WorkerUnavailable(ev.message || 'check worker failed'));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
    return worker;
  };
  const channel: Channel = {
    call: <T>(msg: Record<string, unknown>, transfer: Transferable[] = [], onMessage?: (data: WorkerMessage) => void) =>
      new Promise<T>((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onMessage });
        ensure().postMessage({ id, ...msg }, transfer);
      }),
    current: ensure,
  };
  latest = channel;
  return {
    offThread: true,
    channel,
    run: (req) => {
      // Grids this worker read itself are still there: send a reference, not a copy.
      const kept = readInWorker.get(req.grids);
      if (kept && kept.worker === worker) return channel.call<CheckResult>({ kind: 'check', req: { ...req, grids: [] }, gridsRef: kept.ref });
      return channel.call<CheckResult>({ kind: 'check', req });
    },
    submission: (quarter) => channel.call<Submission>({ kind: 'submission', quarter }),
  };
}

/**
 * Reads an .xlsx file in the check worker (browser mode), so the UI thread only ever handles
 * short messages: progress as the sheets are read, then the grids in slices of rows. The worker
 * keeps the grids, and a check of these same grids does not send them back. Falls back to
 * reading here when no worker can run.
 */
export async function readWorkbookOffThread(bytes: ArrayBuffer, onProgress?: (done: number, total: number) => void): Promise<Grid[]> {
  onProgress?.(0, 1);
  const local = async () => (await import('../../../shared/xlsx/read')).readWorkbook(bytes, { onProgress });
  if (typeof Worker === 'undefined') return local();
  const channel = latest ?? workerRunner().channel;
  const grids: Grid[] = [];
  let ref: number;
  try {
    const copy = bytes.slice(0);
    ref = await channel.call<number>({ kind: 'read', bytes: copy }, [copy], (m) => {
      if (m.progress) onProgress?.(m.progress[0], m.progress[1]);
      const part = m.sheet;
      if (!part) return;
      const g = (grids[part.index] ??= { ...(part.meta as Grid), values: [], formats: [], formulas: [] });
      for (const r of part.values) g.values.push(r);
      for (const r of part.formats ?? []) g.formats!.push(r);
      for (const r of part.formulas ?? []) g.formulas!.push(r);
    });
  } catch (e) {
    if (e instanceof WorkerUnavailable) return local();
    throw new WorkbookUnreadable(e instanceof Error ? e.message : String(e));
  }
  readInWorker.set(grids, { worker: channel.current(), ref });
  return grids;
}

/** The file is not a readable .xlsx workbook (the reader's own message, from the worker). */
export class WorkbookUnreadable extends Error {}

/**
 * Off the UI thread where a Web Worker can start; if it cannot (an old webview, a blocked
 * script), the same check runs on the main thread rather than not at all.
 */
export function defaultRunner(): CheckRunner {
  if (typeof Worker === 'undefined') return mainThreadRunner();
  const off = workerRunner();
  const main = mainThreadRunner();
  let broken = false;
  return {
    get offThread() {
      return !broken;
    },
    async run(req) {
      if (broken) return main.run(req);
      try {
        return await off.run(req);
      } catch (e) {
        if (!(e instanceof WorkerUnavailable)) throw e;
        broken = true;
        return main.run(req);
      }
    },
    submission: (quarter) => (broken ? main.submission(quarter) : off.submission(quarter)),
  };
}
