/// <reference lib="webworker" />
// The check runs here, off Excel's UI thread, so a 10,000-member workbook never freezes the pane.
import type { CheckRequest } from './engine';
import { runCheck } from './engine';

self.onmessage = (ev: MessageEvent<{ id: number; req: CheckRequest }>) => {
  const { id, req } = ev.data;
  try {
    postMessage({ id, ok: true, result: runCheck(req) });
  } catch (e) {
    postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
