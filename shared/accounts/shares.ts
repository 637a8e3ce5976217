/**
 * 上缴: the share of the dues a committee collects that it remits to each level above it.
 *
 * 2008规定 第十五条: provincial committees (and the central systems) remit 5 % of the year's
 * 实交党费 to 中央 by the end of April of the next year; 第十六条: railway and aviation committees
 * 10 % to the local committee; the shares of 基层党委 and of 地、市、县委 are set by each
 * province. So a share is data, and it changes over time: a committee keeps effective-dated rows
 * (one per level and starting quarter), adds a row when its province changes a share, and never
 * edits one — the share a past year was computed with stays the share it was computed with.
 *
 * Why quarters: the server holds collections per branch and quarter (the unit of 报送), so a
 * share takes effect from the first day of a quarter. A year in which a share changed is split
 * into runs of quarters with the same rate, each run rounded on its own (rounding.ts); when the
 * rate holds all year this is exactly "全年实交总数 × 比例", as the regulation words it.
 *
 * 大额党费 (一次性自愿交纳千元以上) is not part of 实交 and goes to 中央 in full (第十一条): it is
 * its own line, never a share of anything.
 *
 * The regulation's text as published (第十五条、第十六条): https://m.78911.com.cn/DangAnGuanLiZhiDu/555958-2.html;
 * the 5 %, 次年4月底前 and "基层党委…上缴党费的比例，由各省…确定" as committees restate it:
 * https://ltb.xidian.edu.cn/info/1058/3624.htm, https://wenda.12371.cn/forum.php?mod=redirect&tid=640705.
 */
import { shareOfFen, type RateBp } from './rounding';

/** One effective-dated share: from `from` (a quarter, "2026Q1") this level takes `rateBp` of 实交. */
export interface ShareRow {
  /** The level remitted to, as the committee names it ("县委", "市委组织部", "中央"). */
  level: string;
  rateBp: RateBp;
  from: string;
  /** When the year's remittance is due, as MM-DD of the following year (第十五条: 04-30). */
  dueMonthDay: string;
}

/** A run of quarters of the year with one rate for one level. */
export interface ShareSegment {
  quarters: string[];
  rateBp: RateBp;
  baseFen: number;
  dueFen: number;
}

export interface LevelShare {
  level: string;
  dueFen: number;
  /** YYYY-MM-DD: the due date of the row in force at the end of the year. */
  dueBy: string;
  segments: ShareSegment[];
}

export interface YearShares {
  year: string;
  /** 实交党费 of the year (regular dues only; 大额党费 excluded). */
  collectedFen: number;
  levels: LevelShare[];
  /** Σ 应上缴 over the levels. */
  dueFen: number;
  /** 留存 = 实交 − Σ 应上缴. */
  keptFen: number;
}

const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Quarters compare as text ("2025Q4" < "2026Q1"): four-digit years, one-digit quarters. */
export function compareQuarter(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The row in force for a level in a quarter: the latest `from` not after it; null before the first. */
export function shareInForce(rows: readonly ShareRow[], level: string, quarter: string): ShareRow | null {
  let best: ShareRow | null = null;
  for (const r of rows) {
    if (r.level !== level || compareQuarter(r.from, quarter) > 0) continue;
    if (!best || compareQuarter(r.from, best.from) > 0) best = r;
  }
  return best;
}

/** The levels the rows name, in the order they first appear. */
export function levelsOf(rows: readonly ShareRow[]): string[] {
  return [...new Set(rows.map((r) => r.level))];
}

/** YYYY-MM-DD the year's share is due: the month-day of the following year (a 02-29 falls to 02-28 in a common year). */
export function dueDate(year: string, monthDay: string): string {
  const next = Number(year) + 1;
  if (monthDay === '02-29' && !(next % 4 === 0 && (next % 100 !== 0 || next % 400 === 0))) return `${next}-02-28`;
  return `${next}-${monthDay}`;
}

export function validShareRow(r: ShareRow): string | null {
  if (!r.level.trim()) return 'a share names the level it is remitted to';
  if (!QUARTER.test(r.from)) return 'a share takes effect from a quarter (2026Q1)';
  if (!Number.isInteger(r.rateBp) || r.rateBp < 0 || r.rateBp > 10000) return 'a share is 0–10000 basis points (0–100 %)';
  if (!MONTH_DAY.test(r.dueMonthDay)) return 'the due date is a month and day of the following year (04-30)';
  return null;
}

/**
 * The year's 应上缴 per level and 留存, from the year's regular collections by quarter
 * (collectedByQuarter[i] = 实交 of quarter i+1). A level without a row in force in a quarter
 * takes nothing from it; a row with rate 0 ends a share.
 */
export function yearShares(rows: readonly ShareRow[], year: string, collectedByQuarter: readonly [number, number, number, number]): YearShares {
  const quarters = [1, 2, 3, 4].map((n) => `${year}Q${n}`);
  const levels: LevelShare[] = [];
  for (const level of levelsOf(rows)) {
    const segments: ShareSegment[] = [];
    quarters.forEach((q, i) => {
      const row = shareInForce(rows, level, q);
      if (!row) return;
      const last = segments[segments.length - 1];
      const base = collectedByQuarter[i] ?? 0;
      if (last && last.rateBp === row.rateBp && last.quarters[last.quarters.length - 1] === quarters[i - 1]) {
        last.quarters.push(q);
        last.baseFen += base;
      } else {
        segments.push({ quarters: [q], rateBp: row.rateBp, baseFen: base, dueFen: 0 });
      }
    });
    if (segments.length === 0) continue;
    for (const s of segments) s.dueFen = shareOfFen(s.baseFen, s.rateBp);
    // Once a row is in force it stays in force (a later row replaces it), so Q4 always has one here.
    const atEnd = shareInForce(rows, level, quarters[3]!) as ShareRow;
    levels.push({ level, dueFen: segments.reduce((t, s) => t + s.dueFen, 0), dueBy: dueDate(year, atEnd.dueMonthDay), segments });
  }
  const collectedFen = collectedByQuarter.reduce((t, x) => t + x, 0);
  const dueFen = levels.reduce((t, l) => t + l.dueFen, 0);
  return { year, collectedFen, levels, dueFen, keptFen: collectedFen - dueFen };
}

/** A remittance as finance recorded it. */
export interface RemittanceRecord {
  level: string;
  /** 'share' for 上缴 of regular dues; 'large' for 大额党费 passed on to 中央 in full. */
  kind: 'share' | 'large';
  paidOn: string;
  amountFen: number;
}

export interface Outstanding {
  level: string;
  kind: 'share' | 'large';
  dueFen: number;
  remittedFen: number;
  /** dueFen − remittedFen, never below zero (an overpayment shows as overpaidFen). */
  outstandingFen: number;
  overpaidFen: number;
  dueBy: string;
  /** Something is still owed and `today` is after dueBy. */
  overdue: boolean;
}

/** The level 大额党费 goes to (2008规定 第十一条). */
export const LARGE_LEVEL = '中央';

/**
 * What is owed per level for a year, against what was remitted: each share, plus 大额党费 to 中央
 * in full. 大额党费 has no deadline of its own in the regulation; it is taken as due with the
 * remittance to 中央 (第十五条: 次年4月底前) — stated here as our reading, not the regulation's words.
 */
export function outstanding(shares: YearShares, largeFen: number, remitted: readonly RemittanceRecord[], today: string): Outstanding[] {
  const lines: Omit<Outstanding, 'remittedFen' | 'outstandingFen' | 'overpaidFen' | 'overdue'>[] = shares.levels.map((l) => ({ level: l.level, kind: 'share' as const, dueFen: l.dueFen, dueBy: l.dueBy }));
  if (largeFen > 0 || remitted.some((r) => r.kind === 'large')) {
    lines.push({ level: LARGE_LEVEL, kind: 'large', dueFen: largeFen, dueBy: dueDate(shares.year, '04-30') });
  }
  // Remittances to a level no share names still count: they show as overpaid, never vanish.
  for (const r of remitted) {
    if (!lines.some((l) => l.level === r.level && l.kind === r.kind)) lines.push({ level: r.level, kind: r.kind, dueFen: 0, dueBy: dueDate(shares.year, '04-30') });
  }
  return lines.map((l) => {
    const remittedFen = remitted.filter((r) => r.level === l.level && r.kind === l.kind).reduce((t, r) => t + r.amountFen, 0);
    const outstandingFen = Math.max(0, l.dueFen - remittedFen);
    return { ...l, remittedFen, outstandingFen, overpaidFen: Math.max(0, remittedFen - l.dueFen), overdue: outstandingFen > 0 && today > l.dueBy };
  });
}
