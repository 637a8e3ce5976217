// A committee's column mappings (issue 12): finance or an administrator of the 党委 saves, replaces
// and deletes; every token of the committee's tree reads; another committee sees nothing of it;
// hostile input is refused with nothing written; every change is an audit event keeping what it replaced.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '../../../worker/seed/committee';
import { listMappings, saveMapping } from '../../../shared/api/mappings-client';
import { api, call, everyRole, seed, type Seeded } from '../helpers';

const TREE: OrgSpec = {
  code: 'MP', name: '中共某区列设置测试委员会', kind: '党委', children: [
    { code: 'MP-Z', name: '机关党总支', kind: '党总支', children: [{ code: 'MP-Z-1', name: '机关第一党支部', kind: '党支部' }] },
    { code: 'MP-2', name: '离退休党支部', kind: '党支部' },
  ],
};
const OTHER: OrgSpec = { code: 'MO', name: '另一委员会', kind: '党委', children: [{ code: 'MO-1', name: '另一党支部', kind: '党支部' }] };
let s: Seeded;
const tok = (k: string) => s.tokens[k]!;

const FP = `t1-${'a1'.repeat(16)}`;
const FP2 = `t1-${'b2'.repeat(16)}`;
const body = (o: Record<string, unknown> = {}) => ({
  label: '统一登记表模板', mapping: { kind: 'register' as const, layout: 'monthRows' as const, columns: { name: 0, idNumber: 1, month: 2, due: 3, paid: 4 } }, ...o,
});
const put = (token: string, fp: string, b: unknown) => call('PUT', `/api/mappings/${fp}`, { token, body: b });

async function counts() {
  const rs = await env.DB.batch(['committee_mappings', 'audit_events'].map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  return rs.map((r) => (r.results[0] as { n: number }).n);
}

beforeAll(async () => {
  s = await seed(TREE, everyRole(TREE));
  Object.assign(s.tokens, (await seed(OTHER, everyRole(OTHER))).tokens);
});

describe('saving a committee mapping', () => {
  it('only finance or an administrator of the 党委; every other role and org is refused, nothing written', async () => {
    const before = await counts();
    for (const k of ['leader@MP', 'finance@MP-Z', 'admin@MP-Z', 'clerk@MP-Z-1', 'finance@MP-Z-1', 'admin@MP-2']) {
      const r = await put(tok(k), FP, body());
      expect(r.status, k).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await call('PUT', `/api/mappings/${FP}`, { body: body() })).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('finance saves (201), an administrator replaces (200); the audit keeps what was replaced', async () => {
    const [rows0, events0] = await counts();
    const r = await put(tok('finance@MP'), FP, body());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ fingerprint: FP, label: '统一登记表模板', mapping: body().mapping });
    expect(r.body.savedBy).toContain('中共某区列设置测试委员会');
    const again = await put(tok('admin@MP'), FP, body({ label: '登记表模板（2027版）', mapping: { kind: 'roster', columns: { name: 1, idNumber: 3 } } }));
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.mapping).toEqual({ kind: 'roster', columns: { name: 1, idNumber: 3 } });
    expect(await counts()).toEqual([rows0! + 1, events0! + 2]);
    const ev = await env.DB.prepare(`SELECT action, content FROM audit_events WHERE action LIKE 'mapping.%' ORDER BY seq`).all<{ action: string; content: string }>();
    expect(ev.results.map((e) => e.action)).toEqual(['mapping.save', 'mapping.replace']);
    const replaced = JSON.parse(ev.results[1]!.content).details.replaced;
    expect(replaced).toMatchObject({ label: '统一登记表模板', mapping: body().mapping });
  });

  it('every token of the tree reads them (through the shared client); another committee sees none', async () => {
    for (const k of ['clerk@MP-Z-1', 'leader@MP-Z', 'clerk@MP-2', 'finance@MP']) {
      const list = await listMappings(api(tok(k)));
      expect(list.committee, k).toBe('MP');
      expect(list.mappings.map((m) => m.fingerprint), k).toEqual([FP]);
    }
    const other = await listMappings(api(tok('clerk@MO-1')));
    expect(other).toEqual({ committee: 'MO', mappings: [] });
    // The same template key in another committee is its own row, not an overwrite.
    const mine = await saveMapping(api(tok('finance@MO')), FP, { label: '另一模板', mapping: body().mapping });
    expect(mine.created).toBe(true);
    expect((await listMappings(api(tok('clerk@MP-Z-1')))).mappings[0]!.label).toBe('登记表模板（2027版）');
  });

  it('hostile input: a bad key, a mapping with personal data or unknown fields, a label with an ID, malformed JSON, a huge body — refused, nothing written', async () => {
    const before = await counts();
    const bad: [string, unknown][] = [
      ['t1-short', body()],
      ["t1-'); DROP TABLE committee_mappings;--", body()],
      [FP.toUpperCase(), body()],
      [FP2, body({ mapping: { kind: 'register', columns: { name: 0 }, member: '张三' } })],
      [FP2, body({ mapping: { kind: 'register', columns: { name: 0 }, headerRow: 2 } })],
      [FP2, body({ mapping: { kind: 'register', columns: { salary: 0 } } })],
      [FP2, body({ mapping: { kind: 'register', columns: {} } })],
      [FP2, body({ mapping: { kind: 'register', columns: { name: -1 } } })],
      [FP2, body({ mapping: { kind: 'ledger', columns: { name: 0 } } })],
      [FP2, body({ label: '张三 110105194912310026' })],
      [FP2, body({ label: '' })],
      [FP2, body({ label: '模板\u0000' })],
      [FP2, body({ label: 'x'.repeat(61) })],
      [FP2, body({ extra: 1 })],
      [FP2, { mapping: body().mapping }],
    ];
    for (const [fp, b] of bad) {
      const r = await call('PUT', `/api/mappings/${encodeURIComponent(fp)}`, { token: tok('finance@MP'), body: b });
      expect([400, 404, 422], `${fp} ${JSON.stringify(b)}`).toContain(r.status);
      expect(r.body.error.code, JSON.stringify(b)).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
    }
    const malformed = await call('PUT', `/api/mappings/${FP2}`, { token: tok('finance@MP'), raw: '{"label":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const lone = await call('PUT', `/api/mappings/${FP2}`, { token: tok('finance@MP'), raw: '{"label":"\\ud800","mapping":{"kind":"roster","columns":{"name":0}}}', headers: { 'Content-Type': 'application/json' } });
    expect(lone.body.error.code).toBe('VALIDATION_FAILED');
    const text = await call('PUT', `/api/mappings/${FP2}`, { token: tok('finance@MP'), raw: 'label=x', headers: { 'Content-Type': 'text/plain' } });
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await call('PUT', `/api/mappings/${FP2}`, { token: tok('finance@MP'), raw: JSON.stringify({ ...body(), pad: 'x'.repeat(5 * 1024 * 1024 + 10) }), headers: { 'Content-Type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect(await counts()).toEqual(before);
  });
});

describe('deleting a committee mapping', () => {
  it('others may not; another committee’s key is 404 for it; finance deletes with an audit event holding what went', async () => {
    const before = await counts();
    for (const k of ['clerk@MP-Z-1', 'leader@MP', 'finance@MP-Z']) {
      expect((await call('DELETE', `/api/mappings/${FP}`, { token: tok(k) })).status, k).toBe(403);
    }
    expect((await call('DELETE', `/api/mappings/${FP2}`, { token: tok('finance@MP') })).status).toBe(404);
    expect(await counts()).toEqual(before);
    const r = await call('DELETE', `/api/mappings/${FP}`, { token: tok('finance@MP') });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ deleted: true });
    expect(await counts()).toEqual([before[0]! - 1, before[1]! + 1]);
    const ev = await env.DB.prepare(`SELECT content FROM audit_events WHERE action = 'mapping.delete'`).first<{ content: string }>();
    expect(JSON.parse(ev!.content).details).toMatchObject({ fingerprint: FP, label: '登记表模板（2027版）' });
    expect((await listMappings(api(tok('clerk@MP-2')))).mappings).toEqual([]);
    // The other committee's row of the same key is untouched.
    expect((await listMappings(api(tok('clerk@MO-1')))).mappings.map((m) => m.label)).toEqual(['另一模板']);
    expect((await call('DELETE', `/api/mappings/${FP}`, { token: tok('finance@MP') })).status).toBe(404);
  });
});
