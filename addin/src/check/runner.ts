/**
 * Runs the checker in a Web Worker when the platform has one (Excel, browsers), else on the
 * calling thread (jsdom tests). The pane only sees `CheckRunner`. Results off the worker come
 * without member records (they stay in the worker); `submission()` builds from them there.
 */
import type { Submission } from '../../../shared/api/contract';
import type { CheckRequest, CheckResult, CheckSession } from './engine';

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

export function workerRunner(): CheckRunner {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ensure = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string }>) => {
      const p = pending.get(ev.data.id);
      if (!p) return;
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
  const call = <T>(msg: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ensure().postMessage({ id, ...msg });
    });
  return {
    offThread: true,
    run: (req) => call<CheckResult>({ kind: 'check', req }),
    submission: (quarter) => call<Submission>({ kind: 'submission', quarter }),
  };
}

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
