/**
 * 欠缴名单: everyone with arrears in the period, six-month cases first (党章 第九条; 2008规定
 * 第十三条: six consecutive unpaid months are for the branch to review), then by months unpaid.
 */
import type { RollupMember, RollupNode } from '../../../shared/api/contract';
import { fitWidth, moneyWidth } from './columns';
import type { ReportInput } from './input';
import { branchesOf, parentsOf, periodLabel, SIX_MONTHS } from './input';
import { beijingTime, yuan } from './labels';
import type { RowSpec, SheetSpec } from './spec';
import { ST } from './styles';

export const ARREARS_SHEET = '欠缴名单';
export const ARREARS_HEADER_ROW = 3;
export const ARREARS_HEADERS = [
  '序号', '上级组织', '党支部', '姓名', '身份证号', '党员类别', '缴费类别', '欠交金额', '连续未交\n月数', '连续六个月\n未交',
] as const;

export interface ArrearsLine { branch: RollupNode; parent: RollupNode | undefined; member: RollupMember; order: number }

export function inArrears(m: RollupMember): boolean {
  return m.arrearsFen > 0 || m.unpaidStreak >= SIX_MONTHS;
}

/** The list in print order; exported so tests can check the order independently of a writer. */
export function arrearsLines(input: ReportInput): ArrearsLine[] {
  const parents = parentsOf(input.tree);
  const out: ArrearsLine[] = [];
  for (const b of branchesOf(input.tree)) {
    for (const m of input.members.get(b.org.code) ?? []) {
      if (inArrears(m)) out.push({ branch: b, parent: parents.get(b.org.code), member: m, order: out.length });
    }
  }
  const six = (l: ArrearsLine) => (l.member.unpaidStreak >= SIX_MONTHS ? 1 : 0);
  return out.sort((a, b) => six(b) - six(a)
    || b.member.unpaidStreak - a.member.unpaidStreak
    || b.member.arrearsFen - a.member.arrearsFen
    || a.order - b.order);
}

export function arrearsSheet(input: ReportInput): SheetSpec {
  const list = arrearsLines(input);
  const last = ARREARS_HEADERS.length - 1;
  const title = `${input.tree.org.name} 欠缴党费名单`;
  const sixCount = list.filter((l) => l.member.unpaidStreak >= SIX_MONTHS).length;
  const total = list.reduce((t, l) => t + l.member.arrearsFen, 0);
  const meta = `期间：${periodLabel(input.period)}\u3000共 ${list.length} 人，其中连续六个月及以上未交 ${sixCount} 人（排在前面，请支部核实）\u3000金额单位：元`;
  const columns = [
    6,
    fitWidth([ARREARS_HEADERS[1], ...list.map((l) => l.parent?.org.name ?? '')], 10, 30),
    fitWidth([ARREARS_HEADERS[2], ...list.map((l) => l.branch.org.name)], 10, 30),
    fitWidth([ARREARS_HEADERS[3], ...list.map((l) => l.member.name)], 8, 24),
    20, 9, 9,
    moneyWidth(Math.max(total, 100), ARREARS_HEADERS[7]),
    10, 11,
  ];
  function* rows(): Iterable<RowSpec> {
    yield { cells: [{ v: title, s: ST.title }], height: 28, mergeTo: last };
    yield { cells: [{ v: meta, s: ST.meta }], mergeTo: last };
    yield { cells: ARREARS_HEADERS.map((h) => ({ v: h, s: ST.header })), height: 32 };
    let i = 0;
    for (const l of list) {
      const m = l.member;
      yield {
        cells: [
          { v: ++i, s: ST.textCenter },
          { v: l.parent?.org.name ?? '', s: ST.text },
          { v: l.branch.org.name, s: ST.text },
          { v: m.name, s: ST.text },
          { v: m.idMasked, s: ST.textCenter },
          { v: m.memberClass, s: ST.textCenter },
          { v: m.category, s: ST.textCenter },
          { v: yuan(m.arrearsFen), s: ST.money },
          { v: m.unpaidStreak, s: ST.int },
          { v: m.unpaidStreak >= SIX_MONTHS ? '是' : '', s: ST.textCenter },
        ],
      };
    }
    yield {
      cells: [
        { v: '合计', s: ST.totalCenter },
        { v: `共 ${list.length} 人`, s: ST.totalText },
        ...Array.from({ length: 5 }, () => ({ v: null, s: ST.totalText })),
        { v: yuan(total), s: ST.totalMoney },
        { v: null, s: ST.totalText },
        { v: sixCount, s: ST.totalInt },
      ],
    };
  }
  return {
    name: ARREARS_SHEET,
    columns,
    freeze: { rows: ARREARS_HEADER_ROW, cols: 0 },
    autoFilter: { row: ARREARS_HEADER_ROW, footerRows: 1 },
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      repeatRows: [ARREARS_HEADER_ROW, ARREARS_HEADER_ROW],
      header: `${title}\u3000${periodLabel(input.period)}`,
      footer: `生成时间：${beijingTime(input.generatedAt)}`,
    },
    rows,
  };
}
