/**
 * The consolidated workbook as a WorkbookSpec: 汇总, 欠缴名单, 公示, 大额党费, 收支结存 (a year, for
 * finance of the 党委), then one sheet per branch in
 * tree order (the lists leadership reads come first; 1,000 branch sheets follow).
 */
import { arrearsSheet } from './arrears-sheet';
import { BALANCE_SHEET, balanceSheet } from './balance-sheet';
import { LARGE_SHEET, largeSheet } from './large-sheet';
import { branchSheet } from './branch-sheet';
import type { ReportInput } from './input';
import { branchesOf, parentsOf, periodLabel } from './input';
import { publicitySheet } from './publicity-sheet';
import type { WorkbookSpec } from './spec';
import { summarySheet } from './summary-sheet';

const FORBIDDEN = /[\\/?*[\]:]/g;

/**
 * Excel sheet names: at most 31 characters, none of \ / ? * [ ] :, not starting or ending with
 * an apostrophe, unique ignoring case. Two 第一党支部 under different 总支 both get a sheet.
 */
export function sheetNamer(reserved: string[]): (wanted: string) => string {
  const used = new Set(reserved.map((n) => n.toLowerCase()));
  return (wanted) => {
    const base = clip(sheetText(wanted), 31) || '支部';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = `(${i})`;
      name = clip(base, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

// Controls, format characters, lone surrogates and non-characters: XML drops some, Excel refuses others.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/gu;

/** What a sheet name may hold: printable text, none of \ / ? * [ ] :, spaces folded. */
function sheetText(wanted: string): string {
  return wanted.replace(UNPRINTABLE, '').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
}

/**
 * At most `max` UTF-16 units (how Excel counts), never splitting a surrogate pair, and never
 * starting or ending with an apostrophe (Excel refuses those names).
 */
function clip(text: string, max: number): string {
  let t = text.replace(/^'+/, '');
  if (t.length > max) t = t.slice(0, /[\uD800-\uDBFF]/.test(t[max - 1] ?? '') ? max - 1 : max);
  return t.replace(/'+$/, '').trim();
}

export function reportLayout(input: ReportInput): WorkbookSpec {
  const summary = summarySheet(input);
  const arrears = arrearsSheet(input);
  const publicity = publicitySheet(input);
  const large = largeSheet(input);
  const balance = input.accounts ? [balanceSheet(input, input.accounts)] : [];
  const name = sheetNamer([summary.name, arrears.name, publicity.name, LARGE_SHEET, BALANCE_SHEET, 'History']);
  const parents = parentsOf(input.tree);
  const branches = branchesOf(input.tree).map((b) => branchSheet(input, b, parents.get(b.org.code), name(b.org.name)));
  return {
    title: `${input.tree.org.name} 党费收缴汇总 ${periodLabel(input.period)}`,
    creator: 'Duesbook',
    created: new Date(Date.parse(input.generatedAt) || 0),
    sheets: [summary, arrears, publicity, large, ...balance, ...branches],
  };
}
