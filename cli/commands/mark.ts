/**
 * `duesbook mark WORKBOOK.xlsx -o OUT.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--only CODE,…] [--lang en]`
 * Writes the marked copy (shared/xlsx/mark.ts): the workbook with a note and a fill on each
 * finding's cell — for a clerk on WPS, or anyone without the add-in. Values are unchanged; marks
 * go only on the copy, never over the input.
 * Exit 0: written (errors or not); 2: bad arguments or a workbook that cannot be read or written.
 */
import { PackageError } from '../../shared/xlsx/package';
import { markWorkbook } from '../../shared/xlsx/mark';
import { loadForWriting, writeOutput } from './fix';

const USAGE = 'Usage: duesbook mark WORKBOOK.xlsx -o OUT.xlsx [--as-of YYYY-MM-DD] [--year YYYY] [--only CODE,...] [--lang en]';
const COMMAND = { name: 'mark', usage: USAGE };

export async function run(argv: string[]): Promise<number> {
  const loaded = await loadForWriting(COMMAND, argv);
  if (typeof loaded === 'number') return loaded;
  const { bytes, result, asOf, only, lang, out } = loaded;
  const zh = lang === 'zh';
  const findings = result.findings.filter((f) => !only || only.has(f.code));
  let marked: Uint8Array;
  try {
    marked = markWorkbook(bytes, findings, { lang, heading: zh ? `Duesbook 检查意见（截至 ${asOf}）` : `Duesbook findings (as of ${asOf})` }).bytes;
  } catch (e) {
    if (e instanceof PackageError) {
      process.stderr.write(`duesbook mark: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const status = await writeOutput(COMMAND, out, marked);
  if (status) return status;
  const cells = new Set(findings.map((f) => `${f.sheet}!${f.cell}`)).size;
  process.stdout.write(zh
    ? `已在 ${cells} 个单元格上加批注和底色（${findings.length} 条问题）→ ${out}（原文件未改动）\n`
    : `${findings.length} findings noted on ${cells} cells → ${out} (the input is unchanged)\n`);
  return 0;
}
