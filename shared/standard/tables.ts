/**
 * Effective-dated rate tables (dues-standard §2). The rate applies to the whole base
 * (全额累进) and each upper bound is inclusive (含). A table is in force from its month
 * until a later one replaces it; history is never edited, only added to.
 */
import type { Bracket, CommitteeSettings } from '../settings';

export type TableKind = 'salaried' | 'retired';

export interface RateTable {
  /** Stable id used in results and messages, e.g. '2008A', '1998', 'override:2024-01:salaried'. */
  id: string;
  kind: TableKind;
  /** First month in force, 'YYYY-MM'. */
  from: string;
  /** Where the rule comes from. */
  source: string;
  brackets: readonly Bracket[];
}

const yuan = (y: number) => y * 100;

/** 2008规定 第二条 (in force 2008-04-01): salaried, also 年薪制 (第三条) and 个体 (第四条). */
export const TABLE_2008_A: RateTable = {
  id: '2008A',
  kind: 'salaried',
  from: '2008-04',
  source: '中组发〔2008〕3号 第二条',
  brackets: [
    { upToFen: yuan(3000), num: 5, den: 1000 },
    { upToFen: yuan(5000), num: 10, den: 1000 },
    { upToFen: yuan(10000), num: 15, den: 1000 },
    { upToFen: null, num: 20, den: 1000 },
  ],
};

/** 2008规定 第五条: retired members on the basic pension. */
export const TABLE_2008_B: RateTable = {
  id: '2008B',
  kind: 'retired',
  from: '2008-04',
  source: '中组发〔2008〕3号 第五条',
  brackets: [
    { upToFen: yuan(5000), num: 5, den: 1000 },
    { upToFen: null, num: 10, den: 1000 },
  ],
};

/**
 * 组通字〔1998〕2号, salaried members, for months before 2008-04 (taken as in force from
 * 1998-01; dues-standard names no start month). The standard gives no 1998 table for
 * retirees, so their earlier months stay unchecked unless a 党委 adds an override.
 */
export const TABLE_1998: RateTable = {
  id: '1998',
  kind: 'salaried',
  from: '1998-01',
  source: '组通字〔1998〕2号',
  brackets: [
    { upToFen: yuan(400), num: 5, den: 1000 },
    { upToFen: yuan(600), num: 10, den: 1000 },
    { upToFen: yuan(800), num: 15, den: 1000 },
    { upToFen: yuan(1500), num: 20, den: 1000 },
    { upToFen: null, num: 30, den: 1000 },
  ],
};

export const BUILT_IN_TABLES: readonly RateTable[] = [TABLE_1998, TABLE_2008_A, TABLE_2008_B];

/** The month the 2008 rules came into force; earlier months must never be judged by them. */
export const RULES_2008_FROM = '2008-04';

type TableSettings = Pick<CommitteeSettings, 'tableOverrides' | 'before2008'>;

// Checking calls tableInForce per member-month; the tables of one settings object are built once.
const cache = new WeakMap<readonly unknown[], Map<string, RateTable[]>>();

/** Built-in tables plus a 党委's dated overrides, as tables. */
export function tablesFor(settings: TableSettings): RateTable[] {
  let byMode = cache.get(settings.tableOverrides);
  if (!byMode) cache.set(settings.tableOverrides, (byMode = new Map()));
  let tables = byMode.get(settings.before2008);
  if (!tables) byMode.set(settings.before2008, (tables = buildTables(settings)));
  return tables;
}

function buildTables(settings: TableSettings): RateTable[] {
  const builtIn = settings.before2008 === 'unchecked' ? BUILT_IN_TABLES.filter((t) => t !== TABLE_1998) : BUILT_IN_TABLES;
  const overrides = settings.tableOverrides.map(
    (o): RateTable => ({
      id: `override:${o.from}:${o.table}`,
      kind: o.table,
      from: o.from,
      source: o.note || '党委设置',
      brackets: o.brackets,
    }),
  );
  return [...builtIn, ...overrides];
}

/**
 * The table in force for a kind in a month: the latest `from` not after the month; on a tie
 * the later entry (an override) wins. Null when nothing was in force (before 1998, or a
 * retiree before 2008-04).
 */
export function tableInForce(kind: TableKind, month: string, settings: TableSettings): RateTable | null {
  // A register asks for the same month row after row: the last answer per kind is kept, with
  // what it depends on (issue 14: the table scan and its two cache lookups were per row).
  const last = lastInForce.get(kind);
  if (last && last.month === month && last.overrides === settings.tableOverrides && last.before2008 === settings.before2008) return last.table;
  const table = scanInForce(kind, month, settings);
  lastInForce.set(kind, { month, overrides: settings.tableOverrides, before2008: settings.before2008, table });
  return table;
}

interface InForce { month: string; overrides: TableSettings['tableOverrides']; before2008: TableSettings['before2008']; table: RateTable | null }
const lastInForce = new Map<TableKind, InForce>();

function scanInForce(kind: TableKind, month: string, settings: TableSettings): RateTable | null {
  let best: RateTable | null = null;
  for (const t of tablesFor(settings)) {
    if (t.kind !== kind || t.from > month) continue;
    if (!best || t.from >= best.from) best = t;
  }
  return best;
}

/** The bracket a base falls in: the first whose inclusive upper bound holds it. */
export function bracketFor(table: RateTable, baseFen: number): Bracket {
  // A loop rather than find(): no closure per member-month.
  let b: Bracket | undefined;
  for (const br of table.brackets) {
    if (br.upToFen === null || baseFen <= br.upToFen) {
      b = br;
      break;
    }
  }
  if (!b) throw new Error(`table ${table.id} has no open-ended bracket`);
  return b;
}
