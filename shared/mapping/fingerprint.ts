/**
 * A committee's column mapping is kept on the server by template, not by workbook (issue 12): the
 * fingerprint of a sheet is its header row's words, normalised as the recogniser reads headers
 * (normaliseHeader: notes in brackets, full-width punctuation, spaces), each at its column, hashed.
 * The same template with other members gives the same key; another header gives another key. Pane,
 * command line and worker compute it with this one function.
 *
 * Never personal data: only text cells count, any cell holding a run of six or more digits (an ID
 * number, a phone number) is left out before hashing, and what leaves the workbook is a SHA-256 of
 * the words, never the words themselves.
 */
import type { Grid } from '../grid';
import { normaliseHeader } from '../recognise/fields';
import type { ColumnMapping, SheetMapping } from '../recognise/mapping';
import { HEADER_SCAN_ROWS } from '../recognise/table';
import { sha256Hex } from './sha256';

/** "t1-" + 32 hex digits (the first 128 bits of the SHA-256); t1 names this way of computing it. */
export const FINGERPRINT_PATTERN = /^t1-[0-9a-f]{32}$/;

/** Fewer header words than this is no template (a title row, a blank row). */
export const MIN_HEADER_WORDS = 2;

const PERSONAL = /\d{6,}|@/;

/** The header row's words by 0-based sheet column ('' where a cell holds no header word), trailing blanks dropped. */
export function headerWords(grid: Grid, sheetRow: number): string[] {
  const o = grid.origin ?? { row: 0, col: 0 };
  const row = grid.values[sheetRow - o.row] ?? [];
  const words: string[] = new Array<string>(o.col).fill('');
  for (const v of row) {
    const w = typeof v === 'string' && !PERSONAL.test(v) ? normaliseHeader(v) : '';
    words.push(w);
  }
  while (words.length && words[words.length - 1] === '') words.pop();
  return words;
}

/** The fingerprint of a header row's words, or null when they are too few to be a template. */
export function wordsFingerprint(words: readonly string[]): string | null {
  if (words.filter((w) => w !== '').length < MIN_HEADER_WORDS) return null;
  return `t1-${sha256Hex(words.join('\u001f')).slice(0, 32)}`;
}

/** The fingerprint of a sheet whose headers are on this 0-based sheet row. */
export function sheetFingerprint(grid: Grid, sheetRow: number): string | null {
  return wordsFingerprint(headerWords(grid, sheetRow));
}

/**
 * What a committee keeps of a sheet's mapping: the columns and layout, not the header row (found
 * again by fingerprint, so a branch that added a title row still matches), nor what belongs to one
 * sheet or one year (the sheet's month, its member, the calendar year of month columns).
 */
export type TemplateMapping = Omit<SheetMapping, 'headerRow' | 'month' | 'member' | 'year'>;

export function templateOf(m: SheetMapping): TemplateMapping {
  const { headerRow: _h, month: _m, member: _p, year: _y, ...t } = m;
  return t;
}

/** A committee mapping as the pane and the command line hold it (shared/api/mappings.ts's answer). */
export interface CommitteeTemplate {
  fingerprint: string;
  label: string;
  mapping: TemplateMapping;
  savedBy: string | null;
  savedAt: string;
}

export interface AppliedTemplate {
  sheet: string;
  fingerprint: string;
  label: string;
  savedBy: string | null;
  headerRow: number;
}

/**
 * The mapping the checker gets. Precedence (issue 12): the workbook's own mapping of a sheet, then
 * the committee's whose fingerprint matches one of the sheet's first rows, then the checker's guess.
 */
export function withCommitteeTemplates(
  grids: readonly Grid[], own: ColumnMapping | null | undefined, templates: readonly CommitteeTemplate[],
): { mapping: ColumnMapping; applied: AppliedTemplate[] } {
  const mapping: ColumnMapping = { ...(own ?? {}) };
  const applied: AppliedTemplate[] = [];
  if (!templates.length) return { mapping, applied };
  const byKey = new Map(templates.map((t) => [t.fingerprint, t]));
  for (const g of grids) {
    if (mapping[g.name]) continue;
    const o = g.origin ?? { row: 0, col: 0 };
    for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, g.values.length); r++) {
      const fp = sheetFingerprint(g, r + o.row);
      const t = fp ? byKey.get(fp) : undefined;
      if (!t) continue;
      mapping[g.name] = { ...t.mapping, headerRow: r + o.row };
      applied.push({ sheet: g.name, fingerprint: t.fingerprint, label: t.label, savedBy: t.savedBy, headerRow: r + o.row });
      break;
    }
  }
  return { mapping, applied };
}
