// `duesbook mapping list|save|delete` against a server started here on 127.0.0.1: save sends the
// template's fingerprint and columns (nothing of the members), one PUT per sheet; usage errors exit 2
// with nothing sent; a refusal exits 1 in words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as mapping } from '../../cli/commands/mapping';
import { sheetFingerprint } from '../../shared/mapping/fingerprint';
import { toXlsx, unguessable } from '../fixtures/register-layouts';

let server: Server;
let base = '';
let dir = '';
const seen: { method: string; url: string; body: unknown }[] = [];
const U = unguessable();
const FP = sheetFingerprint(U.grids[1]!, 0)!;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'duesbook-cli-mapping-'));
  writeFileSync(path.join(dir, 'u.xlsx'), await toXlsx(U.grids));
  writeFileSync(path.join(dir, 'u.json'), JSON.stringify(U.mapping));
  writeFileSync(path.join(dir, 'past.json'), JSON.stringify({ 明细: { kind: 'register', headerRow: 5000, columns: { name: 'A' } } }));
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const json = (status: number, b: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(b));
      if (req.headers.authorization !== 'Bearer finance-token') return json(403, { error: { code: 'FORBIDDEN', message: 'a committee mapping is saved by finance or an administrator of the 党委' } });
      const fp = req.url?.split('/').pop() ?? '';
      if (req.method === 'PUT') return json(201, { fingerprint: fp, label: body.label, mapping: body.mapping, savedBy: '集团党委 · 财务', savedAt: '2026-10-08T02:00:00Z' });
      if (req.method === 'DELETE') return json(200, { deleted: true });
      return json(200, { committee: 'JT', mappings: [{ fingerprint: FP, label: '统一明细模板', mapping: { kind: 'register', layout: 'monthRows', columns: { name: 0, idNumber: 1, paid: 7 } }, savedBy: '集团党委 · 财务', savedAt: '2026-10-08T02:00:00Z' }] });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
});

async function capture(argv: string[], token = 'finance-token') {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await mapping([...argv, '--server', base, '--token', token]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('duesbook mapping', () => {
  it('save: the mapping file’s sheet under its template fingerprint, columns only', async () => {
    const r = await capture(['save', path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, 'u.json'), '--label', '统一明细模板']);
    expect(r.code, r.err).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: `/api/mappings/${FP}` });
    expect(seen[0]!.body).toEqual({
      label: '统一明细模板',
      mapping: { kind: 'register', layout: 'monthRows', columns: { name: 0, idNumber: 1, month: 2, category: 3, base: 4, rate: 5, due: 6, paid: 7 } },
    });
    expect(JSON.stringify(seen[0]!.body)).not.toMatch(/\d{6,}/);
    expect(r.out).toContain(`已保存 / Saved: 明细 → 统一明细模板 (${FP})`);
  });

  it('list prints each template with its columns as letters and who saved it', async () => {
    const r = await capture(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${FP}  统一明细模板  (register, monthRows)`);
    expect(r.out).toContain('name=A idNumber=B paid=H');
    expect(r.out).toContain('集团党委 · 财务');
  });

  it('delete sends the fingerprint; a refusal exits 1 in words', async () => {
    expect((await capture(['delete', FP])).code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', url: `/api/mappings/${FP}` });
    const refused = await capture(['delete', FP], 'clerk-token');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/finance or an administrator of the 党委/);
  });

  it('wrong arguments exit 2 and send nothing', async () => {
    const cases: string[][] = [
      [],
      ['rename'],
      ['delete', 'not-a-key'],
      ['save', path.join(dir, 'u.xlsx'), '--label', 'x'],
      ['save', path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, 'u.json')],
      ['save', path.join(dir, 'missing.xlsx'), '--mapping', path.join(dir, 'u.json'), '--label', 'x'],
      ['save', path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, 'u.json'), '--label', 'x', '--sheet', '别的表'],
      // A header row past the data: too few words to identify a template.
      ['save', path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, 'past.json'), '--label', 'x'],
      ['save', path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, 'missing.json'), '--label', 'x'],
      ['save', path.join(dir, 'u.xlsx'), '--mapping', path.join(dir, 'u.json'), '--label', '模板 110105194912310026'],
    ];
    for (const c of cases) {
      const r = await capture(c);
      expect(r.code, c.join(' ')).toBe(2);
    }
    expect(seen).toHaveLength(0);
  });
});
