// `duesbook report`: downloads the workbook from a server started here on 127.0.0.1, sends the
// token, writes the file; refusals, bad arguments and non-xlsx answers fail with the right status.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { run } from '../../cli/commands/report';

const XLSX = zipSync({ '[Content_Types].xml': strToU8('<Types/>') });
const GOOD = 'dbk_good';
let server: Server;
let base = '';
const seen: { url: string; auth: string | undefined }[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'duesbook-report-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    if (req.url?.includes('org=MISSING')) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'organisation not found' } }));
    } else if (req.url?.includes('org=PROXY')) {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>proxy</html>');
    } else if (req.headers.authorization !== `Bearer ${GOOD}`) {
      res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'this needs one of the roles: leader, finance' } }));
    } else {
      res.writeHead(200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).end(Buffer.from(XLSX));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

function quiet() {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return { err, out, restore: () => { err.mockRestore(); out.mockRestore(); } };
}

describe('duesbook report', () => {
  it('downloads the period with the bearer token and writes the file', async () => {
    const file = path.join(dir, 'q3.xlsx');
    const q = quiet();
    const code = await run(['2026Q3', '-o', file, '--server', base, '--token', GOOD, '--org', 'JT-ZZ1']);
    q.restore();
    expect(code).toBe(0);
    expect(new Uint8Array(readFileSync(file))).toEqual(XLSX);
    expect(seen.at(-1)).toEqual({ url: '/api/reports/2026Q3.xlsx?org=JT-ZZ1', auth: `Bearer ${GOOD}` });
  });

  it('takes server and token from DUESBOOK_SERVER / DUESBOOK_TOKEN', async () => {
    vi.stubEnv('DUESBOOK_SERVER', `${base}/`);
    vi.stubEnv('DUESBOOK_TOKEN', GOOD);
    const file = path.join(dir, 'year.xlsx');
    const q = quiet();
    const code = await run(['2026', '-o', file]);
    q.restore();
    vi.unstubAllEnvs();
    expect(code).toBe(0);
    expect(seen.at(-1)?.url).toBe('/api/reports/2026.xlsx');
    expect(existsSync(file)).toBe(true);
  });

  it('reports the server refusal and writes nothing (exit 1)', async () => {
    const file = path.join(dir, 'refused.xlsx');
    const q = quiet();
    const code = await run(['2026Q3', '-o', file, '--server', base, '--token', 'dbk_clerk']);
    const said = q.err.mock.calls.map((c) => String(c[0])).join('');
    q.restore();
    expect(code).toBe(1);
    expect(said).toContain('403 FORBIDDEN');
    expect(said).toContain('use a finance or leader token');
    expect(said).toContain('请使用财务或领导令牌');
    expect(existsSync(file)).toBe(false);
  });

  it('says a 404 for --org means an organisation outside the token\'s subtree (exit 1)', async () => {
    const q = quiet();
    const code = await run(['2026Q3', '-o', path.join(dir, 'nf.xlsx'), '--server', base, '--token', GOOD, '--org', 'MISSING']);
    const said = q.err.mock.calls.map((c) => String(c[0])).join('');
    q.restore();
    expect(code).toBe(1);
    expect(said).toContain("no organisation MISSING within this token's subtree");
    expect(said).toContain('404 NOT_FOUND');
  });

  it('refuses an answer that is not an xlsx file (exit 1)', async () => {
    const file = path.join(dir, 'html.xlsx');
    const q = quiet();
    const code = await run(['2026Q3', '-o', file, '--server', base, '--token', GOOD, '--org', 'PROXY']);
    const said = q.err.mock.calls.map((c) => String(c[0])).join('');
    q.restore();
    expect(code).toBe(1);
    expect(said).toContain('not an .xlsx file');
    expect(existsSync(file)).toBe(false);
  });

  it('fails cleanly when the server cannot be reached (exit 1)', async () => {
    const q = quiet();
    const code = await run(['2026Q3', '-o', path.join(dir, 'x.xlsx'), '--server', 'http://127.0.0.1:9', '--token', GOOD]);
    q.restore();
    expect(code).toBe(1);
  });

  it('rejects bad arguments (exit 2)', async () => {
    vi.stubEnv('DUESBOOK_SERVER', '');
    vi.stubEnv('DUESBOOK_TOKEN', '');
    const q = quiet();
    expect(await run([])).toBe(2);
    expect(await run(['Q3-2026', '--server', base, '--token', GOOD])).toBe(2);
    expect(await run(['2026Q5', '--server', base, '--token', GOOD])).toBe(2);
    expect(await run(['2026Q3', '--token', GOOD])).toBe(2);
    expect(await run(['2026Q3', '--server', base])).toBe(2);
    expect(await run(['2026Q3', '--server', 'not a url', '--token', GOOD])).toBe(2);
    q.restore();
    vi.unstubAllEnvs();
  });
});
