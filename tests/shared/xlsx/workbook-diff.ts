// Test-side readers for "only the fixed cells changed": every package part as bytes, and every
// cell of every sheet as value, formula and resolved style (number format, font, fill, border,
// alignment), read with exceljs — an independent reader, not the code under test.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

export function partsOf(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)).filter(([k]) => !k.endsWith('/')));
}

export const text = (b: Uint8Array | undefined) => (b ? strFromU8(b) : '');

export interface CellState {
  value: unknown;
  formula: string | null;
  numFmt: string;
  font: string;
  fill: string;
  border: string;
  alignment: string;
}

const stable = (v: unknown) => JSON.stringify(v ?? null, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** Sheet name → "A1" → the cell's state, for every cell exceljs knows (styled empty cells included). */
export async function cellsOf(bytes: Uint8Array): Promise<Map<string, Map<string, CellState>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out = new Map<string, Map<string, CellState>>();
  wb.eachSheet((ws) => {
    const cells = new Map<string, CellState>();
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        const v = c.value as unknown;
        const isFormula = !!v && typeof v === 'object' && ('formula' in (v as object) || 'sharedFormula' in (v as object));
        const o = v as { result?: unknown; richText?: { text: string }[] } | null;
        cells.set(c.address, {
          value: isFormula ? o?.result ?? null : o && typeof o === 'object' && 'richText' in o ? o.richText!.map((r) => r.text).join('') : v ?? null,
          formula: isFormula ? String(c.formula) : null,
          numFmt: c.numFmt ?? 'General',
          font: stable(c.font),
          fill: stable(c.fill),
          border: stable(c.border),
          alignment: stable(c.alignment),
        });
      });
    });
    out.set(ws.name, cells);
  });
  return out;
}

/** "Sheet!A1: what differs" for every cell that differs between two workbooks. */
export async function cellDiff(before: Uint8Array, after: Uint8Array): Promise<Map<string, (keyof CellState)[]>> {
  const a = await cellsOf(before);
  const b = await cellsOf(after);
  const diff = new Map<string, (keyof CellState)[]>();
  const empty: CellState = { value: null, formula: null, numFmt: 'General', font: 'null', fill: 'null', border: 'null', alignment: 'null' };
  for (const sheet of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(sheet) ?? new Map();
    const y = b.get(sheet) ?? new Map();
    for (const addr of new Set([...x.keys(), ...y.keys()])) {
      const p = x.get(addr) ?? empty;
      const q = y.get(addr) ?? empty;
      const keys = (Object.keys(empty) as (keyof CellState)[]).filter((k) => stable(p[k]) !== stable(q[k]));
      if (keys.length) diff.set(`${sheet}!${addr}`, keys);
    }
  }
  return diff;
}
