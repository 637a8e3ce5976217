/**
 * `duesbook baseline fix|show|change …` — 核定本年度党费 (年初核定, 2017通知): `fix` reads the
 * workbook, checks it with the committee's settings and sends each member's figures of the year's
 * first month (shared/year/baseline-draft.ts); `show` prints the year's baseline with its recorded
 * changes; `change` records new figures from a month on with the reason (2008规定 第十条).
 * Exit 0: done; 1: the check found errors, or the server refused or failed; 2: the arguments or
 * the workbook are wrong.
 */
import { readFile } from 'node:fs/promises';
import { BaselineChangeRequestSchema, type Baseline } from '../../shared/api/baseline';
import { checkWorkbook } from '../../shared/check';
import { isIsoDate, isoFromDate } from '../../shared/dates';
import { formatYuan } from '../../shared/money';
import { fixBaseline, readBaseline, recordBaselineChange } from '../../shared/api/year-client';
import { baselineDraft, fixRequestOf } from '../../shared/year/baseline-draft';
import { readWorkbook, WorkbookReadError } from '../../shared/xlsx/read';
import type { ColumnMapping } from '../../shared/recognise/mapping';
import { ApiError, client, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';
import { readMappingFile } from './check';
import { yuanToFen } from './approvals';

const USAGE = `Usage:
  duesbook baseline fix WORKBOOK.xlsx --year 2026 [--as-of 2026-01-31] [--mapping FILE.json] [--dry-run]
  duesbook baseline show --year 2026 [--org BRANCH] [--json]
  duesbook baseline change --year 2026 --id ID --from 2026-07 [--base 元] --due 元 --reason TEXT
  Server and token: --server URL --token TOKEN, or DUESBOOK_SERVER / DUESBOOK_TOKEN.`;
const COMMAND = { name: 'baseline', usage: USAGE };
const say = (s: string) => process.stdout.write(`${s}\n`);
const yuan = (fen: number | null) => (fen === null ? '—' : `${formatYuan(fen)} 元`);

/** The baseline as the clerk reads it: one line per member, their changes under it, the totals. */
export function baselineLines(b: Baseline): string[] {
  if (!b.fixed) return [`${b.branch} ${b.year}年度党费尚未核定 / the ${b.year} baseline is not fixed yet`];
  const out = [`${b.branch} ${b.year}年度党费核定 / baseline: ${b.totals.members} 人，月应交合计 ${yuan(b.totals.dueFen)}${b.totals.baseFen === null ? '' : `，基数合计 ${yuan(b.totals.baseFen)}`}`];
  for (const m of b.members) {
    out.push(`  ${m.member.name} (${m.member.idMasked}) ${m.category} 基数 ${yuan(m.baseFen)} 月应交 ${yuan(m.dueFen)}`);
    for (const c of m.changes) out.push(`    自 ${c.fromMonth} 起 基数 ${yuan(c.baseFen)} 月应交 ${yuan(c.dueFen)}（${c.reason}）`);
  }
  if (b.basesWithheld) out.push('  （基数不向本角色显示 / bases are not shown to this role）');
  return out;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    year: { type: 'string' }, org: { type: 'string' }, json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false },
    'as-of': { type: 'string' }, mapping: { type: 'string' }, id: { type: 'string' }, from: { type: 'string' },
    base: { type: 'string' }, due: { type: 'string' }, reason: { type: 'string' },
    server: { type: 'string' }, token: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values: v, positionals } = args;
  const [sub, file] = positionals;
  if (!sub) return usageError(COMMAND, 'say what to do: fix, show or change');
  if (!['fix', 'show', 'change'].includes(sub)) return usageError(COMMAND, `unknown sub-command "${sub}"`);
  const year = v.year;
  if (!year || !/^\d{4}$/.test(year)) return usageError(COMMAND, `--year must look like 2026, got "${year ?? ''}"`);
  let fixBody = null;
  if (sub === 'fix') {
    if (!file || positionals.length !== 2) return usageError(COMMAND, 'fix needs exactly one workbook');
    const today = isoFromDate(new Date());
    const asOf = v['as-of'] ?? (today < `${year}-12-31` ? today : `${year}-12-31`);
    if (!isIsoDate(asOf)) return usageError(COMMAND, `--as-of must be a date like 2026-01-31, got "${asOf}"`);
    let mapping: ColumnMapping | undefined;
    if (v.mapping !== undefined) {
      const m = await readMappingFile(v.mapping);
      if (typeof m === 'string') return usageError(COMMAND, m);
      mapping = m;
    }
    let grids;
    try {
      grids = await readWorkbook(await readFile(file));
    } catch (e) {
      if (e instanceof WorkbookReadError) return usageError(COMMAND, `cannot read ${file} as an .xlsx workbook: ${e.message}`);
      if ((e as NodeJS.ErrnoException).code) return usageError(COMMAND, `cannot read ${file}: ${(e as Error).message}`);
      throw e;
    }
    // Checked by the committee's own rules when a server is given; --dry-run alone uses the defaults.
    const conn = connection(v, process.env);
    let settings;
    if (!('missing' in conn)) {
      try {
        settings = (await client(conn).settings()).settings;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        process.stderr.write(`duesbook baseline: ${said(e)}\n`);
        return 1;
      }
    } else if (!v['dry-run']) return usageError(COMMAND, conn.missing);
    const draft = baselineDraft(checkWorkbook(grids, { asOf, ...(settings ? { settings } : {}), ...(mapping ? { mapping } : {}) }), year);
    say(`核定本年度党费 ${year} / baseline from ${file}: ${draft.totals.members} 人，基数合计 ${yuan(draft.totals.baseFen)}，月应交合计 ${yuan(draft.totals.dueFen)}`);
    for (const s of draft.skipped) say(`  未核定 / left out: ${s.name} — ${s.reason} (${s.reasonEn})`);
    if (draft.errors > 0) {
      process.stderr.write(`未核定：检查发现 ${draft.errors} 个错误，请先运行 duesbook check ${file} 并修正。\nNot fixed: the check found ${draft.errors} error(s); fix them first.\n`);
      return 1;
    }
    fixBody = fixRequestOf(draft);
    if (!fixBody) {
      process.stderr.write(`未核定：工作簿中没有可核定的党员 / nothing to fix: no member of ${year} in the workbook\n`);
      return 1;
    }
    if (v['dry-run']) {
      for (const m of draft.members) say(`  ${m.name} ${m.category} 基数 ${yuan(m.baseFen)} 月应交 ${yuan(m.dueFen)}`);
      return 0;
    }
  }
  let changeBody = null;
  if (sub === 'change') {
    const dueFen = v.due === undefined ? null : yuanToFen(v.due);
    const baseFen = v.base === undefined ? null : yuanToFen(v.base);
    if (dueFen === null) return usageError(COMMAND, `--due is the new monthly due in 元 (50 or 12.50), got "${v.due ?? ''}"`);
    if (v.base !== undefined && baseFen === null) return usageError(COMMAND, `--base is in 元 with at most two decimals, got "${v.base}"`);
    const parsed = BaselineChangeRequestSchema.safeParse({ idNumber: v.id?.trim().toUpperCase(), fromMonth: v.from, baseFen, dueFen, reason: v.reason ?? '' });
    if (!parsed.success) return usageError(COMMAND, parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    if (!parsed.data.fromMonth.startsWith(`${year}-`)) return usageError(COMMAND, `--from ${parsed.data.fromMonth} is not in ${year}`);
    changeBody = parsed.data;
  }
  const conn = connection(v, process.env);
  if ('missing' in conn) return usageError(COMMAND, conn.missing);
  const api = client(conn);
  try {
    if (fixBody) {
      const b = await fixBaseline(api, fixBody);
      say(b.added ? `已核定 / fixed: 新增 ${b.added} 人 (${b.added} added)` : '已核定过，数字相同，未作改动 / already fixed with the same figures: nothing changed');
      for (const l of baselineLines(b)) say(l);
      return 0;
    }
    if (changeBody) {
      const b = await recordBaselineChange(api, year, changeBody);
      say('已记录调整 / change recorded');
      for (const f of b.findings) say(`  提示 ${f.code}: ${f.message}`);
      return 0;
    }
    const b = await readBaseline(api, year, v.org);
    if (v.json) say(JSON.stringify(b, null, 2));
    else for (const l of baselineLines(b)) say(l);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    process.stderr.write(`duesbook baseline: ${said(e)}\n`);
    if (e.code === 'BASELINE_ALREADY_FIXED') {
      const d = (e.details ?? {}) as { members?: { name: string; member: string; fixed: { baseFen: number | null; dueFen: number }; sent: { baseFen: number | null; dueFen: number } }[] };
      for (const m of d.members ?? []) {
        process.stderr.write(`  ${m.name} (${m.member}): 已核定 基数 ${yuan(m.fixed.baseFen)} 月应交 ${yuan(m.fixed.dueFen)}，工作簿 基数 ${yuan(m.sent.baseFen)} 月应交 ${yuan(m.sent.dueFen)}\n`);
      }
      process.stderr.write('  请用 duesbook baseline change 记录调整及原因 / record a change with its reason instead\n');
    }
    return 1;
  }
}
