/// <reference lib="webworker" />
// The check runs here, off Excel's UI thread, so a 10,000-member workbook never freezes the pane.
// The full result stays here; the pane gets it without member records and asks for submissions.
// In browser mode the dropped file is read here too: progress as it goes, then the grids in
// slices of rows (each a short task for the pane), kept here so the check need not get them back.
import type { CheckRequest } from './engine';
import { CheckSession, gridParts } from './engine';

const session = new CheckSession();

type Message =
  | { id: number; kind: 'check'; req: CheckRequest; gridsRef?: number }
  | { id: number; kind: 'submission'; quarter: string }
  | { id: number; kind: 'read'; bytes: ArrayBuffer };

async function answer(m: Message): Promise<unknown> {
  switch (m.kind) {
    case 'check':
      return CheckSession.light(session.check(m.gridsRef === undefined ? m.req : { ...m.req, grids: session.kept(m.gridsRef) }));
    case 'submission':
      return session.submission(m.quarter);
    case 'read': {
      const { readWorkbook } = await import('../../../shared/xlsx/read');
      const grids = await readWorkbook(m.bytes, { onProgress: (done, total) => postMessage({ id: m.id, progress: [done, total] }) });
      for (const sheet of gridParts(grids)) postMessage({ id: m.id, sheet });
      return session.keep(grids);
    }
  }
}

self.onmessage = (ev: MessageEvent<Message>) => {
  const m = ev.data;
  answer(m).then(
    (value) => postMessage({ id: m.id, ok: true, value }),
    (e: unknown) => postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
};
