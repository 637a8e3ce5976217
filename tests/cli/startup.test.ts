// What `duesbook check` loads: the checker and the reader, not zod (the settings and mapping
// schemas: most of the bundle's bytes, ≈ 0.1 s of start-up; `npm run bench -- cli`) and not the
// network code — unless a --mapping file asks for its schema. Run from the sources (tsx): their
// dynamic imports are what the bundle (scripts/build-cli.mjs) runs only on demand, as lazy requires.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const sample = path.resolve(repo, '../shared/fixtures/branch-sample-2026.xlsx');
const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function loadsOf(...args: string[]): { code: number | null; loads: string[]; err: string } {
  const file = path.join(dir, `loads-${++n}.txt`);
  writeFileSync(file, '');
  const r = spawnSync(process.execPath, ['--import', path.join(__dirname, 'load-trace.mjs'), path.join(repo, 'bin/duesbook.mjs'), ...args], {
    cwd: repo, encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, DUESBOOK_FROM_SOURCE: '1', LOADS_FILE: file },
  });
  return { code: r.status, loads: readFileSync(file, 'utf8').split('\n').filter(Boolean), err: r.stderr };
}

const fromZod = (u: string) => u.includes('/node_modules/zod/');
const ours = (u: string) => u.startsWith('file://') && !u.includes('/node_modules/');

describe('duesbook check start-up', () => {
  it('checks the sample without loading zod or the network code', () => {
    const r = loadsOf('check', sample, '--as-of', '2026-09-30', '--json');
    expect(r.code, r.err).toBe(1); // the sample has errors: exit 1, as tests/cli/check.test.ts shows
    expect(r.loads.some((u) => u.endsWith('/shared/check.ts'))).toBe(true);
    expect(r.loads.some((u) => u.endsWith('/shared/xlsx/read.ts'))).toBe(true);
    expect(r.loads.filter(fromZod)).toEqual([]);
    expect(r.loads.filter(ours).filter((u) => u.includes('/shared/api/') || u.endsWith('/shared/settings.ts'))).toEqual([]);
  }, 60_000);

  it('loads the mapping schema (and zod) only when a --mapping file is given', () => {
    const mapping = path.join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ 花名册: { kind: 'roster', headerRow: 0, columns: { name: 'B' } } }));
    const r = loadsOf('check', sample, '--as-of', '2026-09-30', '--json', '--mapping', mapping);
    expect(r.loads.some((u) => u.endsWith('/shared/recognise/mapping.ts'))).toBe(true);
    expect(r.loads.some(fromZod)).toBe(true);
  }, 60_000);
});
