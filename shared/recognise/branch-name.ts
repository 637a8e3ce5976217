/**
 * The branch a workbook says it belongs to (issue 12, the wrong-branch guard): a 填报单位 /
 * 所在党支部 label with its value, a title naming a 党支部 ("养护中心党支部党员花名册"), or the
 * roster's 所在党支部 column. The pane compares it with the signed-in branch before a 报送, and
 * the worker records a mismatch as a warning on the revision.
 */
import { compactText } from '../cell-text';
import type { Grid } from '../grid';
import { a1 } from '../a1';

export interface WorkbookBranch {
  /** The branch name as the workbook writes it. */
  name: string;
  sheet: string;
  /** A1 address of the cell it was read from. */
  cell: string;
  row: number;
  col: number;
  source: 'label' | 'title' | 'column';
}

const LABEL = /^(填报单位|所在党支部|所在支部|党支部|单位名称|单位)[:：]?$/;
const LABELLED = /^(?:填报单位|所在党支部|所在支部|党支部|单位名称)[:：](.+)$/;
const IN_TITLE = /^(?:中共)?(?:\d{4}年度?)?(.+?党支部)/;
const COLUMN = /^(所在党支部|所在支部|党支部名称|所属党支部)$/;
/** Rows above a table where titles and 填报单位 lines are written. */
const TOP_ROWS = 6;

const text = (v: unknown): string => (typeof v === 'string' ? compactText(v) : '');
/** Trailing words after a name that are not part of it ("…党支部（盖章）", "填报人：…"). */
const clean = (s: string): string => s.replace(/[（(]盖章[)）]/g, '').split(/填报人|填报日期|日期|制表|[，,；;]/)[0]!.trim();

function fromTop(grid: Grid): WorkbookBranch[] {
  const o = grid.origin ?? { row: 0, col: 0 };
  const found: WorkbookBranch[] = [];
  for (let r = 0; r < Math.min(TOP_ROWS, grid.values.length); r++) {
    const row = grid.values[r] ?? [];
    // A title stands alone on its (merged) row; a row of many cells is headers or data.
    const titleRow = row.filter((v) => v !== null && v !== undefined && v !== '').length <= 2;
    for (let c = 0; c < row.length; c++) {
      const t = text(row[c]);
      if (!t) continue;
      const at = { sheet: grid.name, row: r + o.row, col: c + o.col, cell: a1(r + o.row, c + o.col) };
      const labelled = LABELLED.exec(t);
      if (labelled && clean(labelled[1]!)) {
        found.push({ ...at, name: clean(labelled[1]!), source: 'label' });
        continue;
      }
      if (LABEL.test(t)) {
        for (let k = c + 1; k < row.length; k++) {
          const v = clean(text(row[k]));
          if (!v) continue;
          found.push({ sheet: grid.name, row: r + o.row, col: k + o.col, cell: a1(r + o.row, k + o.col), name: v, source: 'label' });
          break;
        }
        continue;
      }
      const title = IN_TITLE.exec(t);
      if (title && r < 3 && titleRow) found.push({ ...at, name: title[1]!, source: 'title' });
    }
  }
  return found;
}

function fromColumn(grid: Grid): WorkbookBranch | null {
  const o = grid.origin ?? { row: 0, col: 0 };
  for (let r = 0; r < Math.min(TOP_ROWS + 4, grid.values.length); r++) {
    const row = grid.values[r] ?? [];
    const c = row.findIndex((v) => COLUMN.test(text(v)));
    if (c < 0) continue;
    const counts = new Map<string, { n: number; row: number }>();
    for (let k = r + 1; k < grid.values.length; k++) {
      const v = text(grid.values[k]?.[c]);
      if (!v) continue;
      const e = counts.get(v) ?? { n: 0, row: k };
      e.n += 1;
      counts.set(v, e);
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    if (!best) return null;
    return { name: best[0], sheet: grid.name, row: best[1].row + o.row, col: c + o.col, cell: a1(best[1].row + o.row, c + o.col), source: 'column' };
  }
  return null;
}

/** The workbook's own branch name: a label first, then a title, then the roster's column; null when it names none. */
export function workbookBranchName(grids: readonly Grid[]): WorkbookBranch | null {
  const top = grids.flatMap(fromTop);
  const label = top.find((b) => b.source === 'label');
  if (label) return label;
  const title = top.find((b) => b.source === 'title');
  if (title) return title;
  for (const g of grids) {
    const c = fromColumn(g);
    if (c) return c;
  }
  return null;
}

/** A name with the words every branch shares taken off: 中共, spaces, brackets' width, the trailing 党支部. */
function core(name: string): string {
  return compactText(name).replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/^中共/, '').replace(/(党支部|支部|党支部委员会)$/, '');
}

/**
 * Do two names denote the same branch? Equal once normalised, or one the other with its
 * parents in front ("市交通局路政支队党支部" is "路政支队党支部").
 */
export function sameBranch(a: string, b: string): boolean {
  const x = core(a);
  const y = core(b);
  if (!x || !y) return true;
  return x === y || x.endsWith(y) || y.endsWith(x);
}
