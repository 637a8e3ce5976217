/**
 * `duesbook check WORKBOOK.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--mapping FILE.json] [--json] [--lang en]`
 * Exit 0: no errors; 1: errors found; 2: the workbook could not be read or the arguments are wrong.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkWorkbook } from '../../shared/check';
import { isoFromDate } from '../../shared/dates';
import { readWorkbook, WorkbookReadError } from '../../shared/xlsx/read';
import { humanReport, jsonReport, type Lang } from '../findings-report';
import { checkArgs, parseCommand, readInput, usageError } from '../args';
import type { ColumnMapping } from '../../shared/recognise/mapping';

/**
 * The --mapping file: the pane's ColumnMapping as JSON (sheet name → kind, 0-based header row,
 * field → column as a 0-based number or letters, and for registers the layout). A string is the
 * reason it cannot be used.
 */
export async function readMappingFile(file: string): Promise<ColumnMapping | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `no such mapping file: ${file}` : `cannot read ${file}: ${(e as Error).message}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `--mapping ${file} is not JSON: ${(e as Error).message}`;
  }
  // Loaded only when a mapping file is given: its schema pulls in zod, most of check's start-up.
  const { parseColumnMapping } = await import('../../shared/recognise/mapping');
  try {
    return parseColumnMapping(json);
  } catch (e) {
    return `--mapping ${file}: ${(e as Error).message}`;
  }
}

const USAGE = 'Usage: duesbook check WORKBOOK.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--mapping FILE.json] [--json] [--lang en]';

const COMMAND = { name: 'check', usage: USAGE };

function fail(message: string): number {
  return usageError(COMMAND, message);
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    'as-of': { type: 'string' },
    year: { type: 'string' },
    json: { type: 'boolean', default: false },
    lang: { type: 'string', default: 'zh' },
    mapping: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return fail(positionals.length ? 'give exactly one workbook' : 'no workbook given');
  const file = positionals[0]!;
  const opts = checkArgs(values, isoFromDate(new Date()));
  if (typeof opts === 'string') return fail(opts);
  const { asOf, year } = opts;
  const lang: Lang = opts.lang;

  let mapping: ColumnMapping | undefined;
  if (values.mapping !== undefined) {
    const m = await readMappingFile(values.mapping);
    if (typeof m === 'string') return fail(m);
    mapping = m;
  }

  const bytes = await readInput(file);
  if (typeof bytes === 'string') return fail(bytes);
  let grids;
  try {
    grids = await readWorkbook(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) {
      process.stderr.write(`duesbook check: cannot read ${file} as an .xlsx workbook: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (mapping) {
    const names = new Set(grids.map((g) => g.name));
    const unknown = Object.keys(mapping).filter((s) => !names.has(s));
    if (unknown.length) return fail(`--mapping names sheets the workbook does not have: ${unknown.join(', ')} (it has ${[...names].join(', ')})`);
  }
  const result = checkWorkbook(grids, { asOf, year, mapping });
  const name = basename(file);
  if (values.json) process.stdout.write(`${JSON.stringify(jsonReport(name, result, lang), null, 2)}\n`);
  else {
    const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    process.stdout.write(humanReport(name, result, lang, colour));
  }
  return result.summary.errors > 0 ? 1 : 0;
}
