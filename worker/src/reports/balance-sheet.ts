/**
 * 收支结存 (a year's workbook, for finance of the 党委): the year's accounts as the committee
 * reports them — 上年结存, 收缴, 下拨, 利息, 上缴, 使用 by 2008规定 第十九条's purposes, 结存 — with
 * the identity 结存 = 上年结存 + 收缴 + 下拨 + 利息 − 上缴 − 使用 checked on the very figures written
 * (核对 row), then 大额党费 (代收代缴, outside the identity), then every entry as the main items.
 * Figures are GET /api/accounts/{year}'s, unchanged. Layout after public year reports of 党费收支
 * (收入: 党员交纳, 利息; 支出: 上解, each purpose; 上年结转; 结存) — e.g. a school's 2023 report
 * (https://xiaomilidoc.com/p-12212296.html: 收入 = 党员缴纳 + 党费利息, 支出 led by 向上级党组织上解, then
 * 第十九条's purposes, 上年结转, 实际结存) and the published 中管/省管党费 accounts
 * (https://www.gaxq.gov.cn/xwdt/gagg/201812/t20181217_1982591.html; https://wzlx.xhedu.sh.cn/cms/app/info/doc/index.php/26437,
 * which also lists 大额党费 apart: 全部款项均上缴中组部).
 */
import type { YearAccounts } from '../../../shared/api/accounts';
import { identityHolds } from '../../../shared/accounts/balance';
import { USE_PURPOSES } from '../../../shared/accounts/purposes';
import { moneyWidth } from './columns';
import type { ReportInput } from './input';
import { beijingTime, yuan } from './labels';
import type { CellSpec, RowSpec, SheetSpec } from './spec';
import { ST } from './styles';

export const BALANCE_SHEET = '收支结存';
export const BALANCE_HEADERS = ['项目', '金额', '日期', '凭证号', '说明', '决定日期'] as const;

/** The labels of the identity's rows, so readers (and tests) find them by text. */
export const BALANCE_ROWS = {
  opening: '一、上年结存',
  collected: '二、本年收缴党费（实交，不含大额党费）',
  allocated: '三、上级下拨',
  interest: '四、利息收入',
  remitted: '五、上缴上级党组织',
  used: '六、党费使用',
  closing: '七、年末结存',
  check: '核对：一＋二＋三＋四－五－六＝七',
} as const;

const OPENING_NOTE: Record<YearAccounts['openingSource'], string> = {
  recorded: '按登记的上年结存',
  carried: '由上年年末结存结转',
  none: '无上年数据，按 0 计',
};

const KIND_LABEL = { opening: '上年结存', allocation: '上级下拨', interest: '利息收入', use: '党费使用' } as const;

export function balanceSheet(input: ReportInput, a: YearAccounts): SheetSpec {
  const title = `${input.tree.org.name} ${a.year}年度党费收支结存表`;
  const meta = `期间：${a.year}年1月1日至12月31日\u3000生成时间：${beijingTime(input.generatedAt)}\u3000金额单位：元`;
  const last = BALANCE_HEADERS.length - 1;
  const maxFen = Math.max(100, a.openingFen + a.collectedFen + a.allocatedFen + a.interestFen, Math.abs(a.closingFen));
  const blank = (n: number, st = ST.text): CellSpec[] => Array.from({ length: n }, () => ({ v: null, s: st }));
  const figure = (label: string, fen: number, note: string, bold = false): RowSpec => ({
    cells: [
      { v: label, s: bold ? ST.totalText : ST.text },
      { v: yuan(fen), s: bold ? ST.totalMoney : ST.money },
      ...blank(2, bold ? ST.totalText : ST.text),
      { v: note, s: bold ? ST.totalText : ST.text },
      ...blank(1, bold ? ST.totalText : ST.text),
    ],
  });
  function* rows(): Iterable<RowSpec> {
    yield { cells: [{ v: title, s: ST.title }], height: 28, mergeTo: last };
    yield { cells: [{ v: meta, s: ST.meta }], mergeTo: last };
    yield { cells: BALANCE_HEADERS.map((h) => ({ v: h, s: ST.header })), height: 24 };
    yield figure(BALANCE_ROWS.opening, a.openingFen, OPENING_NOTE[a.openingSource]);
    yield figure(BALANCE_ROWS.collected, a.collectedFen, '各党支部报送并计入汇总的实交党费');
    yield figure(BALANCE_ROWS.allocated, a.allocatedFen, `${a.entries.filter((e) => e.kind === 'allocation').length} 笔，专款专用（2008规定 第二十一条）`);
    yield figure(BALANCE_ROWS.interest, a.interestFen, '党费存款利息');
    yield figure(BALANCE_ROWS.remitted, a.remittedFen, `本年内上缴 ${a.remittances.filter((r) => r.kind === 'share').length} 笔（2008规定 第十五条、第十六条）`);
    yield figure(BALANCE_ROWS.used, a.usedFen, '用于党的活动，集体讨论决定（2008规定 第十九条、第二十条）');
    for (const u of a.usesByPurpose) yield figure(`\u3000其中：${USE_PURPOSES[u.purpose]}`, u.amountFen, `${u.count} 笔`);
    yield figure(BALANCE_ROWS.closing, a.closingFen, a.negative ? '结存为负：支出超过可用党费，请核查' : '', true);
    const ok = identityHolds(a);
    yield { cells: [{ v: BALANCE_ROWS.check, s: ST.text }, { v: ok ? '相符' : '不符', s: ST.textCenter }, ...blank(last - 1)] };
    yield { cells: [] };
    yield { cells: [{ v: '大额党费（代收代缴，不计入上述收支；2008规定 第十一条）', s: ST.groupText }, ...blank(last, ST.groupBlank)] };
    yield figure('本年收到大额党费', a.large.collectedFen, '');
    yield figure('本年上缴中央', a.large.remittedFen, '');
    yield figure('待上缴中央', Math.max(0, a.large.collectedFen - a.large.remittedFen), '');
    yield { cells: [] };
    yield { cells: [{ v: '主要收支项目明细', s: ST.groupText }, ...blank(last, ST.groupBlank)] };
    yield { cells: ['类别', '金额', '日期', '凭证号', '说明', '决定日期'].map((h) => ({ v: h, s: ST.header })) };
    type Item = { on: string; kind: string; fen: number; voucher: string; note: string; decided: string | null };
    const items: Item[] = [
      ...a.entries.filter((e) => e.kind !== 'opening').map((e) => ({
        on: e.on, kind: KIND_LABEL[e.kind], fen: e.amountFen, voucher: e.voucher,
        note: e.kind === 'use' && e.purpose ? USE_PURPOSES[e.purpose] : e.kind === 'allocation' ? (e.source ?? '') : (e.note ?? ''),
        decided: e.decidedOn,
      })),
      ...a.remittances.map((r) => ({
        on: r.paidOn, kind: r.kind === 'large' ? '大额党费上缴' : '上缴', fen: r.amountFen, voucher: r.voucher,
        note: `${r.level}（${r.year}年度）`, decided: null,
      })),
    ].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
    for (const it of items) {
      yield {
        cells: [
          { v: it.kind, s: ST.text }, { v: yuan(it.fen), s: ST.money }, { v: it.on, s: ST.textCenter },
          { v: it.voucher, s: ST.text }, { v: it.note, s: ST.text }, { v: it.decided ?? '', s: ST.textCenter },
        ],
      };
    }
    if (!items.length) yield { cells: [{ v: '本年无收支明细', s: ST.text }, ...blank(last)] };
  }
  return {
    name: BALANCE_SHEET,
    columns: [40, moneyWidth(maxFen, '金额'), 12, 16, 48, 12],
    freeze: { rows: 3, cols: 0 },
    print: { orientation: 'portrait', fitToWidth: true, repeatRows: [3, 3], header: title, footer: `生成时间：${beijingTime(input.generatedAt)}` },
    rows,
  };
}
