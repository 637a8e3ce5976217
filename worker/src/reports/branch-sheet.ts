/**
 * One sheet per 支部: its members with category, monthly due, what was paid in each month of the
 * period and the arrears. IDs only masked; the income base only for roles allowed to see it.
 */
import type { RollupMember, RollupNode } from '../../../shared/api/contract';
import { fitWidth, moneyWidth } from './columns';
import type { ReportInput } from './input';
import { mayShowIncome, periodLabel, periodMonths, printOf } from './input';
import { beijingTime, emptyBranchText, confirmationLabel, monthLabel, submissionLabel, yuan } from './labels';
import type { CellSpec, RowSpec, SheetSpec } from './spec';
import { ST } from './styles';

export const BRANCH_HEADER_ROW = 3;

/** The due of the period's last month the member has a line for (the figure fixed for the year). */
function monthlyDue(m: RollupMember): number {
  return m.months.length ? m.months[m.months.length - 1]!.dueFen : 0;
}

export function branchHeaders(period: string, withIncome: boolean): string[] {
  return [
    '序号', '姓名', '身份证号', '党员类别', '缴费类别',
    ...(withIncome ? ['缴费基数'] : []),
    '月应交',
    ...periodMonths(period).map((m) => `${monthLabel(m)}实交`),
    '应交合计', '实交合计', '欠交', '经批准\n不计欠交', '连续未交\n月数',
  ];
}

export function branchSheet(input: ReportInput, branch: RollupNode, parent: RollupNode | undefined, sheetName: string): SheetSpec {
  const members = input.members.get(branch.org.code) ?? [];
  const months = periodMonths(input.period);
  const withIncome = mayShowIncome(input.role);
  const headers = branchHeaders(input.period, withIncome);
  const last = headers.length - 1;
  const title = `${branch.org.name} 党费收缴明细`;
  const meta = [
    parent ? `上级：${parent.org.name}` : '',
    `期间：${periodLabel(input.period)}`,
    `报送：${submissionLabel(branch)}`,
    `确认：${confirmationLabel(branch)}`,
    '金额单位：元',
  ].filter(Boolean).join('\u3000');
  // Each money column is as wide as its own largest amount: a year has twelve month columns.
  let maxMonth = 100;
  let maxTotal = 100;
  let maxBase = 100;
  for (const m of members) {
    for (const x of m.months) maxMonth = Math.max(maxMonth, x.dueFen, x.paidFen);
    maxTotal = Math.max(maxTotal, m.dueFen, m.paidFen);
    maxBase = Math.max(maxBase, m.baseFen ?? 0);
  }
  maxTotal = Math.max(maxTotal, branch.figures.dueFen, branch.figures.paidFen);
  const monthTotal = maxMonth * members.length;
  const columns = [
    6,
    fitWidth(['姓名', ...members.map((m) => m.name)], 8, 24),
    fitWidth(['身份证号', ...members.map((m) => m.idMasked)], 20, 22),
    9,
    fitWidth(['缴费类别', ...members.map((m) => m.category)], 9, 12),
    ...(withIncome ? [moneyWidth(maxBase, '缴费基数')] : []),
    moneyWidth(maxMonth, '月应交'),
    ...months.map((m) => moneyWidth(monthTotal, `${monthLabel(m)}实交`)),
    moneyWidth(maxTotal, '应交合计'), moneyWidth(maxTotal, '实交合计'), moneyWidth(maxTotal, '欠交'), moneyWidth(maxTotal, '不计欠交'), 10,
  ];

  function* rows(): Iterable<RowSpec> {
    yield { cells: [{ v: title, s: ST.title }], height: 28, mergeTo: last };
    yield { cells: [{ v: meta, s: ST.meta }], mergeTo: last };
    yield { cells: headers.map((h) => ({ v: h, s: ST.header })), height: 32 };
    if (!members.length) {
      yield { cells: [{ v: emptyBranchText(branch), s: ST.text }], mergeTo: last };
      return;
    }
    let due = 0;
    let paid = 0;
    let arrears = 0;
    let approved = 0;
    const monthPaid = months.map(() => 0);
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      due += m.dueFen;
      paid += m.paidFen;
      arrears += m.arrearsFen;
      approved += m.approvedFen ?? 0;
      const byMonth = new Map(m.months.map((x) => [x.month, x.paidFen]));
      const cells: CellSpec[] = [
        { v: i + 1, s: ST.textCenter },
        { v: m.name, s: ST.text },
        { v: m.idMasked, s: ST.textCenter },
        { v: m.memberClass, s: ST.textCenter },
        { v: m.category, s: ST.textCenter },
      ];
      if (withIncome) cells.push({ v: m.baseFen === null ? null : yuan(m.baseFen), s: ST.money });
      cells.push({ v: yuan(monthlyDue(m)), s: ST.money });
      months.forEach((mo, k) => {
        const p = byMonth.get(mo);
        if (p !== undefined) monthPaid[k]! += p;
        cells.push({ v: p === undefined ? null : yuan(p), s: ST.money });
      });
      cells.push(
        { v: yuan(m.dueFen), s: ST.money },
        { v: yuan(m.paidFen), s: ST.money },
        { v: yuan(m.arrearsFen), s: ST.money },
        { v: yuan(m.approvedFen ?? 0), s: ST.money },
        { v: m.unpaidStreak, s: ST.int },
      );
      yield { cells };
    }
    yield {
      cells: [
        { v: '合计', s: ST.totalCenter },
        { v: `共 ${members.length} 人`, s: ST.totalText },
        { v: null, s: ST.totalText },
        { v: null, s: ST.totalText },
        { v: null, s: ST.totalText },
        ...(withIncome ? [{ v: null, s: ST.totalText }] : []),
        { v: null, s: ST.totalText },
        ...monthPaid.map((p) => ({ v: yuan(p), s: ST.totalMoney })),
        { v: yuan(due), s: ST.totalMoney },
        { v: yuan(paid), s: ST.totalMoney },
        { v: yuan(arrears), s: ST.totalMoney },
        { v: yuan(approved), s: ST.totalMoney },
        { v: null, s: ST.totalText },
      ],
    };
  }
  return {
    name: sheetName,
    columns,
    freeze: { rows: BRANCH_HEADER_ROW, cols: 2 },
    autoFilter: members.length ? { row: BRANCH_HEADER_ROW, footerRows: 1 } : undefined,
    print: {
      orientation: 'landscape',
      // A4 unless the committee chose A3: an A3 page sent to an A4 printer comes out tiny.
      paper: printOf(input).paper,
      fitToWidth: true,
      repeatRows: [BRANCH_HEADER_ROW, BRANCH_HEADER_ROW],
      header: `${title}\u3000${periodLabel(input.period)}`,
      footer: `生成时间：${beijingTime(input.generatedAt)}`,
    },
    rows,
  };
}
