/**
 * The consolidated workbook as a WorkbookSpec: 汇总, 欠缴名单, 公示, then one sheet per branch in
 * tree order (the lists leadership reads come first; 1,000 branch sheets follow).
 */
import { arrearsSheet } from './arrears-sheet';
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
    const base = [...wanted.replace(FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim() || '支部'].slice(0, 31).join('');
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = `(${i})`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

export function reportLayout(input: ReportInput): WorkbookSpec {
  const summary = summarySheet(input);
  const arrears = arrearsSheet(input);
  const publicity = publicitySheet(input);
  const name = sheetNamer([summary.name, arrears.name, publicity.name, 'History']);
  const parents = parentsOf(input.tree);
  const branches = branchesOf(input.tree).map((b) => branchSheet(input, b, parents.get(b.org.code), name(b.org.name)));
  return {
    title: `${input.tree.org.name} 党费收缴汇总 ${periodLabel(input.period)}`,
    creator: 'Duesbook',
    created: new Date(Date.parse(input.generatedAt) || 0),
    sheets: [summary, arrears, publicity, ...branches],
  };
}
