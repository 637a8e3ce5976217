/**
 * Change tracking for the Excel host: which worksheet-changed events are the clerk's edits (not
 * the echo of our own fixes) and which rows they ask to re-read. The decisions are pure; the
 * subscription itself is the host's `subscribe` dependency (office.ts).
 */
import { rowSpan } from './textSafety';

/** The parts of Excel.WorksheetChangedEventArgs the adapter uses (plain data, no proxies). */
export interface SheetChange {
  address: string;
  worksheetId: string;
  changeType?: string;
  /** ExcelApi 1.14: "ThisLocalAddin" for our own writes. */
  triggerSource?: string;
}

/** Last row index of a worksheet (1,048,576 rows). */
export const LAST_ROW = 1_048_575;

/** How long after our own fixes a change event is taken to be their echo. */
export const OWN_WRITE_QUIET_MS = 1500;

/**
 * Is this event the echo of our own writes? Hosts from ExcelApi 1.14 say so (triggerSource). Our
 * fixes only edit cells, so inserted/deleted rows and columns are always the clerk's; for plain
 * edits, hosts before 1.14 (no triggerSource) fall back to a quiet window after our last write.
 */
export function isOwnWrite(e: SheetChange, now: number, ownWritesUntil: number): boolean {
  if (e.triggerSource === 'ThisLocalAddin') return true;
  const structural = e.changeType !== undefined && e.changeType !== 'RangeEdited' && e.changeType !== 'Unknown';
  return !structural && now < ownWritesUntil;
}

/**
 * Rows whose content may differ after a change. Inserted or deleted rows and cells shift
 * everything below them, so those rows are re-read to the sheet's end; inserted or deleted
 * columns shift every row.
 */
export function changedRows(e: SheetChange): { firstRow: number; lastRow: number } | null {
  switch (e.changeType) {
    case 'ColumnInserted':
    case 'ColumnDeleted':
      return { firstRow: 0, lastRow: LAST_ROW };
    case 'RowInserted':
    case 'RowDeleted':
    case 'CellInserted':
    case 'CellDeleted': {
      const span = rowSpan(e.address);
      return span ? { firstRow: span.firstRow, lastRow: LAST_ROW } : { firstRow: 0, lastRow: LAST_ROW };
    }
    default:
      return rowSpan(e.address);
  }
}

/**
 * Starts a subscription and returns its stop: the removal may arrive after stop was called (the
 * registration is asynchronous), in which case it runs as soon as it arrives.
 */
export function subscription(start: () => Promise<() => Promise<void>>): () => void {
  let remove: (() => Promise<void>) | null = null;
  let stopped = false;
  void start().then((r) => {
    remove = r;
    if (stopped) void r();
  });
  return () => {
    stopped = true;
    if (remove) void remove();
  };
}
