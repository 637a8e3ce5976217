/**
 * The report's named cell styles. Constants (not fresh objects per cell) so writers can map a
 * style to their style table by identity, which keeps a million-cell workbook cheap to write.
 */
import type { CellStyle } from './spec';

const s = (x: CellStyle): CellStyle => Object.freeze(x);

export const ST = {
  title: s({ font: 'title', align: 'center' }),
  meta: s({ font: 'meta', align: 'left' }),
  metaWrap: s({ font: 'meta', align: 'left', wrap: true }),
  signature: s({ font: 'meta', align: 'right' }),
  header: s({ font: 'bold', fill: 'header', border: true, align: 'center', wrap: true }),
  text: s({ border: true }),
  textCenter: s({ border: true, align: 'center' }),
  int: s({ border: true, numFmt: 'int' }),
  money: s({ border: true, numFmt: 'money' }),
  pct: s({ border: true, numFmt: 'pct' }),
  groupText: s({ font: 'bold', fill: 'group', border: true }),
  groupCenter: s({ font: 'bold', fill: 'group', border: true, align: 'center' }),
  groupBlank: s({ fill: 'group', border: true }),
  totalText: s({ font: 'bold', fill: 'total', border: true }),
  totalCenter: s({ font: 'bold', fill: 'total', border: true, align: 'center' }),
  totalInt: s({ font: 'bold', fill: 'total', border: true, numFmt: 'int' }),
  totalMoney: s({ font: 'bold', fill: 'total', border: true, numFmt: 'money' }),
  totalPct: s({ font: 'bold', fill: 'total', border: true, numFmt: 'pct' }),
} as const;

const indented = new Map<string, CellStyle>();
/** A bordered text style indented by `level` (the tree depth of a summary row). */
export function indentStyle(level: number, kind: 'text' | 'group' | 'total'): CellStyle {
  const key = `${kind}${level}`;
  let st = indented.get(key);
  if (!st) {
    const base = kind === 'group' ? ST.groupText : kind === 'total' ? ST.totalText : ST.text;
    // Excel and LibreOffice apply an indent only to left- (or right-) aligned text.
    st = s({ ...base, align: 'left', indent: level * 2 });
    indented.set(key, st);
  }
  return st;
}
