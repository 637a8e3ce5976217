/**
 * 大额党费: every voluntary one-off of 1000 yuan or more (2008规定 第十一条) in the period, one row
 * per member and month, with the branch above it and a 合计. It goes to 中央 in full and is in
 * none of the regular totals (汇总's 实交 and the branch sheets exclude it), so it has its own
 * list. Masked IDs only, as on every sheet.
 */
import type { LargeDuesLine } from '../../../shared/api/accounts';
import { fitWidth, moneyWidth } from './columns';
import type { ReportInput } from './input';
import { parentsOf, periodLabel } from './input';
import { beijingTime, yuan } from './labels';
import type { RowSpec, SheetSpec } from './spec';
import { ST } from './styles';

export const LARGE_SHEET = '大额党费';
export const LARGE_HEADER_ROW = 3;
export const LARGE_HEADERS = ['序号', '上级组织', '党支部', '姓名', '身份证号', '月份', '大额党费'] as const;

export function largeSheet(input: ReportInput): SheetSpec {
  const lines: readonly LargeDuesLine[] = input.large ?? [];
  const parents = parentsOf(input.tree);
  const parentName = (code: string) => parents.get(code)?.org.name ?? '';
  const total = lines.reduce((t, l) => t + l.largeFen, 0);
  const last = LARGE_HEADERS.length - 1;
  const title = `${input.tree.org.name} 大额党费明细`;
  const people = new Set(lines.map((l) => `${l.branch}|${l.idMasked}|${l.name}`)).size;
  const meta = `期间：${periodLabel(input.period)}\u3000共 ${lines.length} 笔、${people} 人\u3000一次性自愿交纳千元以上，全额上缴中央，不计入实交党费（2008规定 第十一条）\u3000金额单位：元`;
  const columns = [
    6,
    fitWidth([LARGE_HEADERS[1], ...lines.map((l) => parentName(l.branch))], 10, 30),
    fitWidth([LARGE_HEADERS[2], ...lines.map((l) => l.branchName)], 10, 30),
    fitWidth([LARGE_HEADERS[3], ...lines.map((l) => l.name)], 8, 24),
    20, 10,
    moneyWidth(Math.max(total, 100), LARGE_HEADERS[6]),
  ];
  function* rows(): Iterable<RowSpec> {
    yield { cells: [{ v: title, s: ST.title }], height: 28, mergeTo: last };
    yield { cells: [{ v: meta, s: ST.meta }], mergeTo: last };
    yield { cells: LARGE_HEADERS.map((h) => ({ v: h, s: ST.header })), height: 24 };
    let i = 0;
    for (const l of lines) {
      yield {
        cells: [
          { v: ++i, s: ST.textCenter },
          { v: parentName(l.branch), s: ST.text },
          { v: l.branchName, s: ST.text },
          { v: l.name, s: ST.text },
          { v: l.idMasked, s: ST.textCenter },
          { v: l.month, s: ST.textCenter },
          { v: yuan(l.largeFen), s: ST.money },
        ],
      };
    }
    yield {
      cells: [
        { v: '合计', s: ST.totalCenter },
        { v: lines.length ? `共 ${lines.length} 笔` : '本期无大额党费', s: ST.totalText },
        ...Array.from({ length: 4 }, () => ({ v: null, s: ST.totalText })),
        { v: yuan(total), s: ST.totalMoney },
      ],
    };
  }
  return {
    name: LARGE_SHEET,
    columns,
    freeze: { rows: LARGE_HEADER_ROW, cols: 0 },
    autoFilter: { row: LARGE_HEADER_ROW, footerRows: 1 },
    print: {
      orientation: 'landscape', fitToWidth: true, repeatRows: [LARGE_HEADER_ROW, LARGE_HEADER_ROW],
      header: `${title}\u3000${periodLabel(input.period)}`, footer: `生成时间：${beijingTime(input.generatedAt)}`,
    },
    rows,
  };
}
