/**
 * An explicit column mapping a host supplies when headers cannot be recognised (the pane asks
 * the clerk once and keeps the answer in the workbook). Coordinates are 0-based sheet rows and
 * columns, like Finding.row/col, so the pane can store what the clerk clicked.
 */
import { z } from 'zod';
import type { FieldKey } from './fields';

export type TableKind = 'roster' | 'register';

/** How a register lays out its months (RecognisedTable.layout). */
export type RegisterLayout = 'wide' | 'monthRows' | 'range' | 'annual' | 'memberSheet';

export interface SheetMapping {
  kind: TableKind;
  /** 0-based sheet row of the (last) header row; data starts on the next row. */
  headerRow: number;
  /** Field → 0-based sheet column. Fields not named here are still recognised from headers. */
  columns: Partial<Record<FieldKey, number>>;
  /** Register only: month 1–12 → 0-based sheet column of the amount paid that month. */
  months?: Partial<Record<number, number>>;
  /** Register only: the calendar year of the month columns. */
  year?: number;
  /** Register only: the layout, when the checker cannot guess it (default: recognised). */
  layout?: RegisterLayout;
  /** Register, one sheet per month: the sheet's month 'YYYY-MM'. */
  month?: string;
  /** Register, one sheet per member: the member's name. */
  member?: string;
}

/** Keyed by sheet name; a sheet not named here is recognised from its headers. */
export type ColumnMapping = Record<string, SheetMapping>;

/**
 * A ColumnMapping as a file gives it (`duesbook check --mapping FILE.json`): the pane's own shape,
 * where a column may also be written as its letters ("C") and a header row is 0-based like the
 * pane's. Parsing names the first thing wrong, in words a person can act on.
 */
export const FIELD_KEYS = [
  'seq', 'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'memberClass', 'joinDate', 'fullDate', 'standing', 'category',
  'base', 'rate', 'due', 'paidTotal', 'dueTotal', 'note', 'paidThrough', 'paid', 'year', 'month', 'startMonth', 'endMonth',
  'monthRange', 'monthCount', 'payKind',
] as const satisfies readonly FieldKey[];

/** "A" → 0, "AB" → 27; numbers pass as 0-based columns. */
function columnIndex(v: number | string, ctx: z.RefinementCtx): number {
  if (typeof v === 'number') return v;
  const s = v.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `a column is a 0-based number or letters like "C", got "${v}"` });
    return z.NEVER;
  }
  let n = 0;
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const Column = z.union([z.number().int().min(0).max(16383), z.string()]).transform(columnIndex);

export const SheetMappingSchema = z.object({
  kind: z.enum(['roster', 'register']),
  headerRow: z.number().int().min(0).max(1_048_575),
  columns: z.partialRecord(z.enum(FIELD_KEYS), Column).default({}),
  months: z.record(z.string().regex(/^(?:[1-9]|1[0-2])$/, 'months are keyed 1–12'), Column).optional(),
  year: z.number().int().min(1949).max(2100).optional(),
  layout: z.enum(['wide', 'monthRows', 'range', 'annual', 'memberSheet']).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-07').optional(),
  member: z.string().min(1).max(100).optional(),
}).strict();

export const ColumnMappingSchema = z.record(z.string().min(1), SheetMappingSchema);

/** A mapping file's JSON → ColumnMapping; throws an Error naming the sheet and key that is wrong. */
export function parseColumnMapping(json: unknown): ColumnMapping {
  const r = ColumnMappingSchema.safeParse(json);
  if (r.success) return r.data as ColumnMapping;
  const issue = r.error.issues[0]!;
  throw new Error(`${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`);
}
