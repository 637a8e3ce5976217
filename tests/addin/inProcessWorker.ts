// A stand-in for the check Web Worker under jsdom: the worker's own answers (workerAnswer.ts),
// run in this process on structured clones, with every message each way recorded — so a test
// sees what crosses to the UI thread and what stays in the worker.
import { CheckSession } from '../../addin/src/check/engine';
import { answer, type WorkerRequest } from '../../addin/src/check/workerAnswer';

type Listener = ((ev: { data?: unknown; message?: string }) => void) | null;

/** Cells (array entries of array rows) in a value: how much grid data a message carries. */
export function cellsIn(v: unknown): number {
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + (Array.isArray(x) ? x.length + cellsIn(x.filter((y) => typeof y === 'object')) : cellsIn(x)), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce<number>((n, x) => n + cellsIn(x), 0);
  return 0;
}

export class InProcessWorker {
  static instances: InProcessWorker[] = [];
  readonly session = new CheckSession();
  onmessage: Listener = null;
  onerror: Listener = null;
  /** What the pane sent, in order. */
  posted: WorkerRequest[] = [];
  /** What came back, in order, with the request's kind. */
  answered: { kind: WorkerRequest['kind']; data: unknown }[] = [];
  constructor(public url: URL, public opts: WorkerOptions) {
    InProcessWorker.instances.push(this);
  }
  postMessage(m: unknown) {
    const req = structuredClone(m) as WorkerRequest;
    this.posted.push(req);
    const send = (data: unknown) => {
      this.answered.push({ kind: req.kind, data });
      this.onmessage?.({ data: structuredClone(data) });
    };
    setTimeout(() => {
      answer(this.session, req, send).then(
        (value) => send({ id: req.id, ok: true, value }),
        (e: unknown) => send({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    }, 0);
  }
  terminate() {}
  sent(kind: WorkerRequest['kind']) {
    return this.posted.filter((p) => p.kind === kind);
  }
}
