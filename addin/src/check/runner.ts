/**
 * Runs the checker in a Web Worker when the platform has one (Excel, browsers), else on the
 * calling thread (jsdom tests). The pane only sees `CheckRunner`.
 */
import type { CheckRequest, CheckResult } from './engine';

export interface CheckRunner {
  readonly offThread: boolean;
  run(req: CheckRequest): Promise<CheckResult>;
}

/** Raised when the worker itself could not run (blocked script, CSP), not when the check failed. */
export class WorkerUnavailable extends Error {}

export function mainThreadRunner(): CheckRunner {
  return {
    offThread: false,
    async run(req) {
      const { runCheck } = await import('./engine');
      return runCheck(req);
    },
  };
}

export function workerRunner(): CheckRunner {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve: (r: CheckResult) => void; reject: (e: Error) => void }>();
  const ensure = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<{ id: number; ok: boolean; result?: CheckResult; error?: string }>) => {
      const p = pending.get(ev.data.id);
      if (!p) return;
      pending.delete(ev.data.id);
      if (ev.data.ok && ev.data.result) p.resolve(ev.data.result);
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
  return {
    offThread: true,
    run(req) {
      const id = ++seq;
      return new Promise<CheckResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ensure().postMessage({ id, req });
      });
    },
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
  };
}
