/**
 * What every `duesbook` command does with its arguments: node's parseArgs with positionals and
 * -h/--help, usage on standard output for help (exit 0), a usage error on standard error (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate } from '../shared/dates';
import { readFile } from 'node:fs/promises';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

export interface CommandInfo {
  name: string;
  usage: string;
}

/** Says what is wrong with the arguments, then the usage; the exit status for it (2). */
export function usageError(cmd: CommandInfo, message: string): number {
  process.stderr.write(`duesbook ${cmd.name}: ${message}\n${cmd.usage}\n`);
  return 2;
}

/** The parsed arguments, or the exit status when they could not be parsed (2) or help was asked (0). */
export function parseCommand<const O extends Options>(cmd: CommandInfo, argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, ...HELP } });
  } catch (e) {
    return usageError(cmd, e instanceof Error ? e.message : String(e));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  return parsed;
}

/** --as-of, --year and --lang as check, fix and mark read them; a string is the usage error to show. */
export function checkArgs(values: { 'as-of'?: string; year?: string; lang?: string }, today: string): { asOf: string; year: number | undefined; lang: 'zh' | 'en' } | string {
  const asOf = values['as-of'] ?? today;
  if (!isIsoDate(asOf)) return `--as-of must be a date like 2026-09-30, got "${asOf}"`;
  let year: number | undefined;
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year)) return `--year must look like 2026, got "${values.year}"`;
    year = Number(values.year);
  }
  const lang = values.lang === 'en' || values.lang === 'zh' ? values.lang : null;
  if (!lang) return `--lang must be zh or en, got "${values.lang}"`;
  return { asOf, year, lang };
}

/** The workbook's bytes, or the usage error to show ("no such file: …") — as check, fix and mark say it. */
export async function readInput(file: string): Promise<Uint8Array | string> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(e as Error).message}`;
  }
}
