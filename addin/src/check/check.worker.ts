/// <reference lib="webworker" />
// The check runs here, off Excel's UI thread, so a 10,000-member workbook never freezes the pane.
// The full result stays here; the pane gets it without member records and asks for submissions.
import type { CheckRequest } from './engine';
import { CheckSession } from './engine';

const session = new CheckSession();

type Message = { id: number; kind: 'check'; req: CheckRequest } | { id: number; kind: 'submission'; quarter: string };

self.onmessage = (ev: MessageEvent<Message>) => {
  const m = ev.data;
  try {
    const value = m.kind === 'check' ? CheckSession.light(session.check(m.req)) : session.submission(m.quarter);
    postMessage({ id: m.id, ok: true, value });
  } catch (e) {
    postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
