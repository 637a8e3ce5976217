/**
 * 公示: what a branch posts for its members — names and amounts paid only, never IDs or income
 * (design.md, Privacy) — one block per branch, each starting on a new printed page.
 */
import { fitWidth, moneyWidth } from './columns';
import type { ReportInput } from './input';
import { branchesOf, periodLabel } from './input';
import { beijingTime, emptyBranchText, yuan } from './labels';
import type { RowSpec, SheetSpec } from './spec';
import { ST } from './styles';

export const PUBLICITY_SHEET = '公示';
export const PUBLICITY_HEADERS = ['序号', '姓名', '实交党费（元）'] as const;
/** Excel keeps at most 1026 manual page breaks per sheet; later blocks just follow on. */
const MAX_BREAKS = 1000;

export function publicitySheet(input: ReportInput): SheetSpec {
  const branches = branchesOf(input.tree);
  const label = periodLabel(input.period);
  let names = 8;
  let maxFen = 100;
  let titleWidth = 0;
  for (const b of branches) {
    const ms = input.members.get(b.org.code) ?? [];
    names = Math.max(names, fitWidth(ms.map((m) => m.name), 8, 24));
    for (const m of ms) maxFen = Math.max(maxFen, m.paidFen);
    maxFen = Math.max(maxFen, b.figures.paidFen);
    titleWidth = Math.max(titleWidth, fitWidth([`${b.org.name} 党费收缴情况公示`], 0, 60));
  }
  // The block title (14 pt) is merged over the three columns; widen the name column to fit it.
  const money = Math.max(16, moneyWidth(maxFen, PUBLICITY_HEADERS[2]));
  names = Math.max(names, 16, Math.ceil(titleWidth * 1.3) - 6 - money);
  function* rows(): Iterable<RowSpec> {
    let breaks = 0;
    let first = true;
    for (const b of branches) {
      const ms = input.members.get(b.org.code) ?? [];
      const pageBreakBefore = !first && breaks < MAX_BREAKS;
      if (pageBreakBefore) breaks += 1;
      first = false;
      yield { cells: [{ v: `${b.org.name} 党费收缴情况公示`, s: ST.title }], height: 30, mergeTo: 2, pageBreakBefore };
      yield { cells: [{ v: `${label}\u3000共 ${ms.length} 人\u3000金额单位：元`, s: ST.meta }], mergeTo: 2 };
      yield { cells: PUBLICITY_HEADERS.map((h) => ({ v: h, s: ST.header })), height: 22 };
      if (!ms.length) {
        yield { cells: [{ v: emptyBranchText(b), s: ST.text }], mergeTo: 2 };
      }
      const total = ms.reduce((t, m) => t + m.paidFen, 0);
      for (let i = 0; i < ms.length; i++) {
        const m = ms[i]!;
        yield { cells: [{ v: i + 1, s: ST.textCenter }, { v: m.name, s: ST.text }, { v: yuan(m.paidFen), s: ST.money }] };
      }
      yield { cells: [{ v: '合计', s: ST.totalCenter }, { v: `共 ${ms.length} 人`, s: ST.totalText }, { v: yuan(total), s: ST.totalMoney }] };
      yield { cells: [] };
    }
  }
  return {
    name: PUBLICITY_SHEET,
    columns: [6, names, money],
    print: {
      orientation: 'portrait',
      fitToWidth: true,
      header: `${input.tree.org.name} 党费公示\u3000${label}`,
      footer: `生成时间：${beijingTime(input.generatedAt)}`,
    },
    rows,
  };
}
