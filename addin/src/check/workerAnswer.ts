/**
 * The check worker's answers, message by message (check.worker.ts wires them to postMessage; a
 * test runs them in-process). In browser mode the dropped file is read here and its grids stay
 * here: the pane gets each sheet's first rows and asks for the rest — a finding's window, a
 * fix's plan, the fix itself — by the ref the grids are kept under (issue 14).
 */
import type { Finding } from '../../../shared/findings/finding';
import type { CellFix } from '../host/workbookHost';
import type { WindowTable } from '../file/sheetWindow';
import { fixGrids, headOf, rowsOf, windowOf } from '../file/keptGrids';
import { CheckSession, type CheckRequest } from './engine';

export type WorkerRequest =
  | { id: number; kind: 'check'; req: CheckRequest; gridsRef?: number }
  | { id: number; kind: 'submission'; quarter: string }
  | { id: number; kind: 'plan'; findings: Finding[]; lang: 'zh' | 'en' }
  | { id: number; kind: 'read'; bytes: ArrayBuffer }
  | { id: number; kind: 'window'; ref: number; tables: WindowTable[]; sheet: string; row: number; col: number }
  | { id: number; kind: 'rows'; ref: number; sheet: string; firstRow: number; lastRow: number }
  | { id: number; kind: 'fix'; ref: number; fixes: CellFix[] };

/** The answer to one request; `post` sends the messages that come before it (read progress). */
export async function answer(session: CheckSession, m: WorkerRequest, post: (data: unknown) => void): Promise<unknown> {
  switch (m.kind) {
    case 'check': {
      return CheckSession.light(session.check(m.gridsRef === undefined ? m.req : { ...m.req, grids: session.kept(m.gridsRef) }));
    }
    case 'submission':
      return session.submission(m.quarter);
    case 'plan':
      return session.plan(m.findings, m.lang);
    case 'read': {
      const { readWorkbook } = await import('../../../shared/xlsx/read');
      const grids = await readWorkbook(m.bytes, { onProgress: (done, total) => post({ id: m.id, progress: [done, total] }) });
      return { ref: session.keep(grids), head: headOf(grids) };
    }
    case 'window':
      return windowOf(session.kept(m.ref), m.tables, m.sheet, m.row, m.col);
    case 'rows':
      return rowsOf(session.kept(m.ref), m.sheet, m.firstRow, m.lastRow);
    case 'fix': {
      const out = await fixGrids(session.kept(m.ref), m.fixes);
      if (out.refused) return { refused: out.refused };
      session.replace(m.ref, out.grids);
      return { head: headOf(out.grids), writes: out.writes, recalculated: out.recalculated };
    }
  }
}
