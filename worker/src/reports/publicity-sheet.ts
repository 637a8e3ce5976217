/**
 * 公示: what a branch posts for its members — names and amounts paid only, never IDs or income
 * (design.md, Privacy) — one block per branch with figures, each starting on a new printed page
 * and ending with the 公示期, where to raise a question, the 落款 (the 党委) and the date.
 * Branches without figures get no page of their own: they are listed once, at the end.
 */
import { fitWidth, moneyWidth } from './columns';
import type { ReportInput } from './input';
import { branchesOf, periodLabel, printOf } from './input';
import { beijingTime, emptyBranchText, yuan } from './labels';
import type { RowSpec, SheetSpec } from './spec';
import { ST } from './styles';

export const PUBLICITY_SHEET = '公示';
export const PUBLICITY_HEADERS = ['序号', '姓名', '实交党费（元）'] as const;
/** Excel keeps at most 1026 manual page breaks per sheet; later blocks just follow on. */
const MAX_BREAKS = 1000;

const DAY_MS = 86_400_000;

/** ISO timestamp → the Beijing calendar day as people write it: "2026年12月2日". */
export function beijingDate(iso: string, plusDays = 0): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3600_000 + plusDays * DAY_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** "公示期：2026年12月2日至2026年12月8日（共7天）。如有疑问，请在公示期内向…反映。" — the first day counts. */
export function publicityPeriodText(generatedAt: string, days: number, contact: string): string {
  return `公示期：${beijingDate(generatedAt)}至${beijingDate(generatedAt, days - 1)}（共${days}天）。如有疑问，请在公示期内向${contact}反映。`;
}

export function publicitySheet(input: ReportInput): SheetSpec {
  const all = branchesOf(input.tree);
  const print = printOf(input);
  // A branch is posted when it has member lines to post; the rest are named once at the end.
  const branches = all.filter((b) => (input.members.get(b.org.code) ?? []).length > 0);
  const missing = all.filter((b) => (input.members.get(b.org.code) ?? []).length === 0);
  const signature = input.tree.org.name;
  const period = publicityPeriodText(input.generatedAt, print.publicityDays, print.publicityContact);
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
  for (const b of missing) names = Math.max(names, fitWidth([b.org.name], 8, 24));
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
      const total = ms.reduce((t, m) => t + m.paidFen, 0);
      for (let i = 0; i < ms.length; i++) {
        const m = ms[i]!;
        yield { cells: [{ v: i + 1, s: ST.textCenter }, { v: m.name, s: ST.text }, { v: yuan(m.paidFen), s: ST.money }] };
      }
      yield { cells: [{ v: '合计', s: ST.totalCenter }, { v: `共 ${ms.length} 人`, s: ST.totalText }, { v: yuan(total), s: ST.totalMoney }] };
      yield { cells: [{ v: period, s: ST.metaWrap }], mergeTo: 2, height: 36 };
      yield { cells: [] };
      yield { cells: [{ v: signature, s: ST.signature }], mergeTo: 2 };
      yield { cells: [{ v: beijingDate(input.generatedAt), s: ST.signature }], mergeTo: 2 };
      yield { cells: [] };
    }
    if (missing.length) {
      // One short table, not a page per branch: what leadership needs is who is absent and why.
      const pageBreakBefore = !first && breaks < MAX_BREAKS;
      yield { cells: [{ v: `本期未列入公示的党支部（${missing.length}个）`, s: ST.title }], height: 30, mergeTo: 2, pageBreakBefore };
      yield { cells: ['序号', '党支部', '情况'].map((h) => ({ v: h, s: ST.header })), height: 22 };
      for (let i = 0; i < missing.length; i++) {
        const b = missing[i]!;
        yield { cells: [{ v: i + 1, s: ST.textCenter }, { v: b.org.name, s: ST.text }, { v: emptyBranchText(b), s: ST.text }] };
      }
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
