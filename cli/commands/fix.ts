/**
 * `duesbook fix WORKBOOK.xlsx -o OUT.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--only CODE,…] [--lang en]`
 * Applies every one-click fix (or those of the given codes) with the code browser mode uses
 * (shared/fix/plan.ts, shared/fix/apply.ts, shared/xlsx/patch.ts): only the fixed cells change,
 * formulas are never overwritten (a finding on one points to its input), and what changed and
 * what the re-check will show are printed. Never writes over its input.
 * Exit 0: written (or nothing to fix); 2: bad arguments or a workbook that cannot be read or written.
 */
import { realpath, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { checkWorkbook, type CheckResult } from '../../shared/check';
import { isoFromDate } from '../../shared/dates';
import { isFindingCode, type FindingCode } from '../../shared/findings/codes';
import type { Finding } from '../../shared/findings/finding';
import { FINDING_KIND } from '../../shared/findings/kinds';
import { writeCorrected } from '../../shared/fix/apply';
import { describeDelta, planFixes } from '../../shared/fix/plan';
import type { Grid } from '../../shared/grid';
import { notXlsx } from '../../shared/xlsx/file-kind';
import { PackageError } from '../../shared/xlsx/package';
import { readWorkbook, WorkbookReadError } from '../../shared/xlsx/read';
import { checkArgs, parseCommand, readInput, usageError, type CommandInfo } from '../args';

const USAGE = 'Usage: duesbook fix WORKBOOK.xlsx -o OUT.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--only CODE,...] [--lang en]';
const COMMAND = { name: 'fix', usage: USAGE };

export type Lang = 'zh' | 'en';

export interface Loaded {
  file: string;
  out: string;
  bytes: Uint8Array;
  grids: Grid[];
  result: CheckResult;
  asOf: string;
  year: number | undefined;
  only: Set<FindingCode> | null;
  lang: Lang;
}

/** Arguments, input and output paths checked, the workbook read and checked: shared by fix and mark. */
export async function loadForWriting(cmd: CommandInfo, argv: string[]): Promise<Loaded | number> {
  const fail = (m: string) => usageError(cmd, m);
  const args = parseCommand(cmd, argv, {
    output: { type: 'string', short: 'o' },
    'as-of': { type: 'string' },
    year: { type: 'string' },
    only: { type: 'string' },
    lang: { type: 'string', default: 'zh' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return fail(positionals.length ? 'give exactly one workbook' : 'no workbook given');
  const file = positionals[0]!;
  if (!values.output) return fail('no output file given (-o OUT.xlsx)');
  const out = values.output;
  if (!/\.xlsx$/i.test(out)) return fail(`the output must be an .xlsx file, got "${out}"`);
  const opts = checkArgs(values, isoFromDate(new Date()));
  if (typeof opts === 'string') return fail(opts);
  const { asOf, year, lang } = opts;
  let only: Set<FindingCode> | null = null;
  if (values.only !== undefined) {
    const codes = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = codes.filter((c) => !isFindingCode(c));
    if (bad.length || !codes.length) return fail(`--only takes finding codes such as ETHNICITY_INVALID,RATE_WRONG; unknown: ${bad.join(', ') || '(none given)'}`);
    only = new Set(codes as FindingCode[]);
  }

  const bytes = await readInput(file);
  if (typeof bytes === 'string') return fail(bytes);
  // Never over the input: the same path, or another name for the same file (a link).
  if (resolve(out) === resolve(file) || (await sameFile(file, out))) {
    return fail(`the output ${out} is the input workbook: give another file name (the clerk's file is never overwritten)`);
  }
  const wrong = notXlsx(basename(file), bytes);
  if (wrong) {
    process.stderr.write(`duesbook ${cmd.name}: ${lang === 'en' ? wrong.en : wrong.zh}\n`);
    return 2;
  }
  let grids: Grid[];
  try {
    grids = await readWorkbook(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) {
      process.stderr.write(`duesbook ${cmd.name}: cannot read ${file} as an .xlsx workbook: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const result = checkWorkbook(grids, { asOf, year });
  return { file, out, bytes, grids, result, asOf, year, only, lang };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    if (x.ino === y.ino && x.dev === y.dev) return true;
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false; // the output does not exist yet
  }
}

/** Writes bytes to the output; a clear message when it cannot. */
export async function writeOutput(cmd: CommandInfo, out: string, bytes: Uint8Array): Promise<number> {
  try {
    await writeFile(out, bytes);
    return 0;
  } catch (e) {
    process.stderr.write(`duesbook ${cmd.name}: cannot write ${out}: ${(e as Error).message}\n`);
    return 2;
  }
}

const kindOf = (code: FindingCode, lang: Lang) => FINDING_KIND[code]?.[lang] ?? code;

export async function run(argv: string[]): Promise<number> {
  const loaded = await loadForWriting(COMMAND, argv);
  if (typeof loaded === 'number') return loaded;
  const { bytes, grids, result, asOf, year, only, lang, out } = loaded;
  const zh = lang === 'zh';
  const chosen: Finding[] = result.findings.filter((f) => f.fix !== null && (!only || only.has(f.code)));
  const viaFormula = result.findings.filter((f) => f.formula && (!only || only.has(f.code)));
  if (!chosen.length) {
    process.stdout.write(zh ? '没有可一键修正的问题，未写入文件。\n' : 'Nothing to fix with one click; no file written.\n');
    for (const f of viaFormula) process.stdout.write(`  ${f.sheet}!${f.cell}  ${zh ? f.message : f.messageEn}\n`);
    return 0;
  }
  const plan = planFixes(grids, chosen, { asOf, year }, result);
  let written: Uint8Array;
  try {
    const writes = plan.changes.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, value: c.value }));
    written = writeCorrected(bytes, writes, plan.formulas.map((f) => ({ ...f, after: f.value }))).bytes;
  } catch (e) {
    if (e instanceof PackageError) {
      process.stderr.write(`duesbook fix: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const status = await writeOutput(COMMAND, out, written);
  if (status) return status;

  const lines: string[] = [];
  lines.push(zh ? `已写入 ${plan.changes.length} 处修改 → ${out}（原文件未改动）` : `${plan.changes.length} changes written → ${out} (the input is unchanged)`);
  for (const c of plan.changes) {
    lines.push(`  ${c.sheet}!${c.cell}  ${c.member ?? '—'}  ${kindOf(c.code, lang)}：${c.before || (zh ? '（空）' : '(empty)')} → ${c.after}`);
  }
  if (plan.formulas.length) {
    lines.push(zh ? '公式不改写，其结果随之更新：' : 'Formulas are kept; their results follow:');
    for (const f of plan.formulas) {
      const after = f.after ?? (zh ? '（打开时由 Excel 重新计算）' : '(recalculated when opened)');
      lines.push(`  ${f.sheet}!${f.cell}  ${f.member ?? '—'}  =${f.formula}：${f.before} → ${after}`);
    }
  }
  const pointed = viaFormula.filter((f) => f.fixVia && plan.changes.some((c) => c.sheet === f.fixVia!.sheet && c.cell === f.fixVia!.cell));
  const left = viaFormula.filter((f) => !pointed.includes(f));
  if (left.length) {
    lines.push(zh ? '以下公式单元格未修改，请人工检查：' : 'Formula cells left for a person to check:');
    for (const f of left) lines.push(`  ${f.sheet}!${f.cell}  ${zh ? f.message : f.messageEn}`);
  }
  const delta = describeDelta(plan.delta, lang);
  if (delta.length) {
    lines.push(zh ? '复查结果：' : 'The re-check:');
    for (const d of delta) lines.push(`  ${d}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
