/**
 * Runs the checker in a Web Worker when the platform has one (Excel, browsers), else on the
 * calling thread (jsdom tests). The pane only sees `CheckRunner`. Results off the worker come
 * without member records (they stay in the worker); `submission()` builds from them there.
 */
import type { Submission } from '../../../shared/api/contract';
import type { Finding } from '../../../shared/findings/finding';
import type { FixPlan } from '../../../shared/fix/plan';
import type { Recalculated } from '../../../shared/fix/recalc';
import type { Grid } from '../../../shared/grid';
import type { CellWrite } from '../../../shared/xlsx/patch';
import type { CellFix } from '../host/workbookHost';
import type { WorkbookHead, FixOutcome } from '../file/keptGrids';
import type { SheetWindow, WindowTable } from '../file/sheetWindow';
import type { CheckRequest, CheckResult, CheckSession } from './engine';

export interface CheckRunner {
  readonly offThread: boolean;
  run(req: CheckRequest): Promise<CheckResult>;
  /** The quarter's submission built from the last run's result. */
  submission(quarter: string): Promise<Submission>;
  /** What fixing these findings of the last run will do, worked out where that run's grids are (shared/fix/plan.ts). */
  plan(findings: Finding[], lang: 'zh' | 'en'): Promise<{ plan: FixPlan; lines: string[] }>;
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
    async plan(findings, lang) {
      return (await load()).plan(findings, lang);
    },
  };
}

const GONE = 'the workbook read earlier is no longer here; open it again';

/** Grids read in a worker, by the id that worker keeps them under (so a check need not send them back). */
const readInWorker = new WeakMap<Grid[], { worker: Worker; ref: number }>();

interface Channel {
  call<T>(msg: Record<string, unknown>, transfer?: Transferable[], onMessage?: (data: WorkerMessage) => void): Promise<T>;
  current(): Worker;
}

type WorkerMessage = { id: number; ok?: boolean; value?: unknown; error?: string; progress?: [number, number] };

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
      if (kept && kept.worker !== worker) return Promise.reject(new Error(GONE));
      if (kept) return channel.call<CheckResult>({ kind: 'check', req: { ...req, grids: [] }, gridsRef: kept.ref });
      return channel.call<CheckResult>({ kind: 'check', req });
    },
    submission: (quarter) => channel.call<Submission>({ kind: 'submission', quarter }),
    plan: (findings, lang) => channel.call<{ plan: FixPlan; lines: string[] }>({ kind: 'plan', findings, lang }),
  };
}

/**
 * A dropped workbook's grids, wherever they are kept: what the UI thread holds of them (each
 * sheet's first rows) and the questions it asks about the rest.
 */
export interface KeptWorkbook {
  /** Each sheet's first rows (every row where the grids are on this thread), its branch, its row counts. */
  readonly head: WorkbookHead;
  /** The cells around one (a finding in place). */
  window(tables: readonly WindowTable[], sheet: string, row: number, col: number): Promise<SheetWindow | null>;
  rows(sheet: string, firstRow: number, lastRow: number): Promise<Grid>;
  /** Applies fixes to the kept grids (all or nothing) and says what the corrected copy must write. */
  fix(fixes: CellFix[]): Promise<{ writes: CellWrite[]; recalculated: Recalculated[] }>;
}

async function refuse(r: NonNullable<FixOutcome['refused']>): Promise<never> {
  const { FormulaCellError } = await import('../../../shared/xlsx/patch');
  throw new FormulaCellError(r.sheet, r.cell, r.formula);
}

/** Where no worker runs: every grid on this thread, the same functions over them. */
async function keptHere(grids: Grid[]): Promise<KeptWorkbook> {
  const kept = await import('../file/keptGrids');
  let all = grids;
  const here = (): WorkbookHead => ({ ...kept.headOf(all), grids: all });
  let head = here();
  return {
    get head() {
      return head;
    },
    window: async (tables, sheet, row, col) => kept.windowOf(all, tables, sheet, row, col),
    rows: async (sheet, firstRow, lastRow) => kept.rowsOf(all, sheet, firstRow, lastRow),
    async fix(fixes) {
      const out = await kept.fixGrids(all, fixes);
      if (out.refused) return refuse(out.refused);
      all = out.grids;
      head = here();
      return { writes: out.writes, recalculated: out.recalculated };
    },
  };
}

/** Kept in the check worker under `ref`: the head is registered so a check of it goes by ref. */
function keptInWorker(channel: Channel, ref: number, first: WorkbookHead): KeptWorkbook {
  const worker = channel.current();
  let head = first;
  readInWorker.set(head.grids, { worker, ref });
  return {
    get head() {
      return head;
    },
    window: (tables, sheet, row, col) => channel.call<SheetWindow | null>({ kind: 'window', ref, tables, sheet, row, col }),
    rows: (sheet, firstRow, lastRow) => channel.call<Grid>({ kind: 'rows', ref, sheet, firstRow, lastRow }),
    async fix(fixes) {
      const out = await channel.call<{ refused?: NonNullable<FixOutcome['refused']>; head: WorkbookHead; writes: CellWrite[]; recalculated: Recalculated[] }>({ kind: 'fix', ref, fixes });
      if (out.refused) return refuse(out.refused);
      head = out.head;
      readInWorker.set(head.grids, { worker, ref });
      return { writes: out.writes, recalculated: out.recalculated };
    },
  };
}

/**
 * Reads an .xlsx file in the check worker (browser mode), so the UI thread only ever handles
 * short messages: progress as the sheets are read, then each sheet's first rows. The grids stay
 * in the worker (a 10,000-member workbook's 300,000 cells cost the UI thread 43–77 ms GC pauses
 * when they came back, issue 14); a check of them goes by reference, and windows, plans and
 * fixes are asked for. Falls back to reading here when no worker can run.
 */
export async function readWorkbookOffThread(bytes: ArrayBuffer, onProgress?: (done: number, total: number) => void): Promise<KeptWorkbook> {
  onProgress?.(0, 1);
  const local = async () => keptHere(await (await import('../../../shared/xlsx/read')).readWorkbook(bytes, { onProgress }));
  if (typeof Worker === 'undefined') return local();
  const channel = latest ?? workerRunner().channel;
  try {
    const copy = bytes.slice(0);
    const { ref, head } = await channel.call<{ ref: number; head: WorkbookHead }>({ kind: 'read', bytes: copy }, [copy], (m) => {
      if (m.progress) onProgress?.(m.progress[0], m.progress[1]);
    });
    return keptInWorker(channel, ref, head);
  } catch (e) {
    if (e instanceof WorkerUnavailable) return local();
    throw new WorkbookUnreadable(e instanceof Error ? e.message : String(e));
  }
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
        // Only the first rows of a file read in the worker are here: never check those as the workbook.
        if (readInWorker.has(req.grids)) throw new Error(GONE, { cause: e });
        return main.run(req);
      }
    },
    submission: (quarter) => (broken ? main.submission(quarter) : off.submission(quarter)),
    plan: (findings, lang) => (broken ? main.plan(findings, lang) : off.plan(findings, lang)),
  };
}
