/**
 * 汇总: the organisation tree as rows — 党委, each 总支 with its 支部 indented under it, a 小计
 * row per 总支 and a 合计 row — every figure taken unchanged from the roll-up.
 */
import type { RollupNode } from '../../../shared/api/contract';
import { fitWidth, moneyWidth } from './columns';
import type { ReportInput } from './input';
import { periodLabel, periodMonths } from './input';
import { beijingTime, confirmationLabel, submissionLabel, yuan } from './labels';
import type { CellSpec, RowSpec, SheetSpec } from './spec';
import { indentStyle, ST } from './styles';
import { remittanceRows } from './summary-remittance';

export const SUMMARY_SHEET = '汇总';

export const SUMMARY_HEADERS = [
  '组织', '组织代码', '层级', '正式党员', '预备党员', '应交党费', '实交党费', '欠交党费',
  // Taken off the arrears by confirmed approvals (少交/免交/缓交/补交) and transfers-in, shown apart.
  '经批准\n不计欠交',
  '欠交人数', '连续六个月\n未交人数', '收缴率', '报送状态', '确认',
] as const;

/** Rows before the data: title, period line, header. */
export const SUMMARY_HEADER_ROW = 3;

type Line = { node: RollupNode; depth: number; kind: 'branch' | 'heading' | 'subtotal' | 'total' };

function lines(node: RollupNode, depth: number, out: Line[]): Line[] {
  if (node.org.kind === '党支部') {
    out.push({ node, depth, kind: 'branch' });
    return out;
  }
  out.push({ node, depth, kind: 'heading' });
  for (const c of node.children) lines(c, depth + 1, out);
  out.push({ node, depth, kind: depth === 0 ? 'total' : 'subtotal' });
  return out;
}

function nameOf(l: Line): string {
  if (l.kind === 'subtotal') return `${l.node.org.name} 小计`;
  if (l.kind === 'total') return `合计（${l.node.org.name}）`;
  return l.node.org.name;
}

function figureCells(n: RollupNode, bold: boolean): CellSpec[] {
  const f = n.figures;
  const int = bold ? ST.totalInt : ST.int;
  const money = bold ? ST.totalMoney : ST.money;
  const pct = bold ? ST.totalPct : ST.pct;
  return [
    { v: f.members.formal, s: int },
    { v: f.members.probationary, s: int },
    { v: yuan(f.dueFen), s: money },
    { v: yuan(f.paidFen), s: money },
    { v: yuan(f.arrearsFen), s: money },
    { v: yuan(f.approvedFen ?? 0), s: money },
    { v: f.membersInArrears, s: int },
    { v: f.membersSixMonthArrears, s: int },
    // Basis points → a fraction Excel shows as 0.0%; null (nothing due) stays empty.
    { v: f.collectionRateBp === null ? null : f.collectionRateBp / 10000, s: pct },
  ];
}

export function summarySheet(input: ReportInput): SheetSpec {
  const root = input.tree;
  const all = lines(root, 0, []);
  const months = periodMonths(input.period);
  const title = `${root.org.name} 党费收缴汇总表`;
  const meta = `期间：${periodLabel(input.period)}（${months[0]} 至 ${months[months.length - 1]}）\u3000生成时间：${beijingTime(input.generatedAt)}\u3000金额单位：元`;
  const last = SUMMARY_HEADERS.length - 1;
  // A year at the 党委: 应上缴 and 留存 below the 合计 (kept out of the autofilter like the 合计).
  const below = remittanceRows(root, SUMMARY_HEADERS.length);
  const maxFen = Math.max(root.figures.dueFen, root.figures.paidFen, 100);
  const columns = [
    fitWidth([SUMMARY_HEADERS[0], ...all.map((l) => `${'    '.repeat(l.depth)}${nameOf(l)}`)], 12, 40),
    fitWidth([SUMMARY_HEADERS[1], ...all.map((l) => l.node.org.code)], 8, 24),
    8, 9, 9,
    moneyWidth(maxFen, SUMMARY_HEADERS[5]), moneyWidth(maxFen, SUMMARY_HEADERS[6]), moneyWidth(maxFen, SUMMARY_HEADERS[7]),
    moneyWidth(maxFen, '不计欠交'),
    9, 12, 9,
    fitWidth([SUMMARY_HEADERS[12], ...all.map((l) => submissionLabel(l.node))], 10, 24),
    fitWidth([SUMMARY_HEADERS[13], ...all.map((l) => confirmationLabel(l.node))], 10, 24),
  ];
  function* rows(): Iterable<RowSpec> {
    yield { cells: [{ v: title, s: ST.title }], height: 28, mergeTo: last };
    yield { cells: [{ v: meta, s: ST.meta }], mergeTo: last };
    yield { cells: SUMMARY_HEADERS.map((h) => ({ v: h, s: ST.header })), height: 32 };
    for (const l of all) {
      const n = l.node;
      const outlineLevel = Math.min(7, l.depth);
      const kindText = l.kind === 'subtotal' ? '小计' : l.kind === 'total' ? '合计' : n.org.kind;
      if (l.kind === 'heading') {
        yield {
          outlineLevel,
          cells: [
            { v: n.org.name, s: indentStyle(l.depth, 'group') },
            { v: n.org.code, s: ST.groupText },
            { v: kindText, s: ST.groupCenter },
            ...Array.from({ length: last - 2 }, () => ({ v: null, s: ST.groupBlank })),
          ],
        };
        continue;
      }
      const bold = l.kind !== 'branch';
      yield {
        outlineLevel,
        cells: [
          { v: nameOf(l), s: indentStyle(l.depth, bold ? 'total' : 'text') },
          { v: n.org.code, s: bold ? ST.totalText : ST.text },
          { v: kindText, s: bold ? ST.totalCenter : ST.textCenter },
          ...figureCells(n, bold),
          { v: submissionLabel(n), s: bold ? ST.totalCenter : ST.textCenter },
          { v: confirmationLabel(n), s: bold ? ST.totalCenter : ST.textCenter },
        ],
      };
    }
    yield* below;
  }
  return {
    name: SUMMARY_SHEET,
    columns,
    freeze: { rows: SUMMARY_HEADER_ROW, cols: 1 },
    autoFilter: { row: SUMMARY_HEADER_ROW, footerRows: 1 + below.length },
    outlineLevels: Math.min(7, Math.max(0, ...all.map((l) => l.depth))),
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      repeatRows: [SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW],
      header: `${title}\u3000${periodLabel(input.period)}`,
      footer: `生成时间：${beijingTime(input.generatedAt)}`,
    },
    rows,
  };
}
