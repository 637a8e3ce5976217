/**
 * The bench's generated branch workbook of n members as a file in bench/out/, written once with
 * exceljs (bench/branch-workbook.ts, imported only when the file is missing) and reused after.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('./out/', import.meta.url));

export async function branchWorkbookFile(n: number): Promise<string> {
  const file = `${outDir}branch-${n}.xlsx`;
  if (!existsSync(file)) {
    console.log(`(writing the ${n.toLocaleString('en')}-member workbook with exceljs once, into bench/out/ …)`);
    const { branchWorkbook } = await import('./branch-workbook');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file, await branchWorkbook(n));
  }
  return file;
}
