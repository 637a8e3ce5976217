/// <reference lib="webworker" />
// The check runs here, off Excel's UI thread, so a 10,000-member workbook never freezes the pane.
// The full result stays here; the pane gets it without member records and asks for submissions.
// In browser mode the dropped file is read here too and its grids stay here (workerAnswer.ts).
import { CheckSession } from './engine';
import { answer, type WorkerRequest } from './workerAnswer';

const session = new CheckSession();

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const m = ev.data;
  answer(session, m, (data) => postMessage(data)).then(
    (value) => postMessage({ id: m.id, ok: true, value }),
    (e: unknown) => postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
};
