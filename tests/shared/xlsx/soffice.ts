// LibreOffice headless, where installed (not in CI unless .ci/run adds it): converts a workbook
// and returns the outputs, or null when soffice is missing so the caller skips that check.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function hasLibreOffice(): boolean {
  return spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

/**
 * 'csv': every sheet as CSV text, keyed by sheet name (LibreOffice 7.2+ writes one file per sheet);
 * 'xlsx': the workbook as LibreOffice saves it again.
 */
export async function convertWithLibreOffice(bytes: Uint8Array, to: 'csv'): Promise<Record<string, string> | null>;
export async function convertWithLibreOffice(bytes: Uint8Array, to: 'xlsx'): Promise<Uint8Array | null>;
export async function convertWithLibreOffice(bytes: Uint8Array, to: 'csv' | 'xlsx'): Promise<Record<string, string> | Uint8Array | null> {
  if (!hasLibreOffice()) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-soffice-'));
  try {
    const input = path.join(dir, 'in.xlsx');
    const out = path.join(dir, 'out');
    writeFileSync(input, bytes);
    const filter = to === 'csv' ? 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' : 'xlsx:Calc MS Excel 2007 XML';
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', filter, '--outdir', out, input], { stdio: 'ignore', timeout: 120_000 });
    if (to === 'xlsx') return new Uint8Array(readFileSync(path.join(out, 'in.xlsx')));
    const sheets: Record<string, string> = {};
    for (const f of readdirSync(out)) {
      const m = /^in-(.*)\.csv$/.exec(f) ?? /^in\.csv$/.exec(f);
      if (m) sheets[m[1] ?? ''] = readFileSync(path.join(out, f), 'utf8');
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
