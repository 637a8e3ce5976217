// The consolidated workbook through the API: a committee built through the API (orgs, tokens,
// submissions, a review), the workbook downloaded and read back with an independent reader
// (fflate + XML), every figure compared with the roll-up API to the 分; formula-like text stays text; roles, scope
// and signed links (expired, tampered, revoked, wrong period) are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { env, exports } from 'cloudflare:workers';
import type { RollupMember, RollupNode } from '../../../shared/api/contract';
import { signLink } from '../../../worker/src/reports/link';
import type { OrgSpec } from '../../../worker/seed/committee';
import { BASE, JT_TREE, call, everyRole, member, members, seed, submission, type Seeded } from '../helpers';
import { fen, readXlsx, type ReadBook, type ReadSheet } from './xlsx-reader';

const Q = '2026Q3';
let s: Pick<Seeded, 'tokens'>;
const tok = (key: string) => s.tokens[key]!;

/** The committee built through the API: only the 党委 and its first admin token are seeded. */
async function buildCommittee(): Promise<Pick<Seeded, 'tokens'>> {
  const root = await seed({ code: JT_TREE.code, name: JT_TREE.name, kind: JT_TREE.kind }, [{ orgCode: JT_TREE.code, role: 'admin' }]);
  const admin = root.tokens[`admin@${JT_TREE.code}`]!;
  const walk = async (o: OrgSpec, parent: string | null) => {
    if (parent) {
      const r = await call('POST', '/api/orgs', { token: admin, body: { code: o.code, name: o.name, kind: o.kind, parentCode: parent } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    for (const c of o.children ?? []) await walk(c, o.code);
  };
  await walk(JT_TREE, null);
  const tokens: Record<string, string> = { [`admin@${JT_TREE.code}`]: admin };
  for (const t of everyRole(JT_TREE)) {
    const key = `${t.role}@${t.orgCode}`;
    if (tokens[key]) continue;
    const r = await call('POST', '/api/tokens', { token: admin, body: { orgCode: t.orgCode, role: t.role } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    tokens[key] = r.body.token as string;
  }
  return { tokens };
}

async function download(path: string, token?: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers; text: string }> {
  const worker = (exports as unknown as { default: { fetch: (r: Request) => Promise<Response> } }).default;
  const res = await worker.fetch(new Request(`${BASE}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }));
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, bytes, headers: res.headers, text: res.ok ? '' : new TextDecoder().decode(bytes) };
}

// Names a spreadsheet would take for formulas if they were written as formulas.
const HOSTILE = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-3*4', '@SUM(A1:A9)', '=cmd|\'/C calc\'!A0'];

async function submit(branch: string, quarter: string, list: ReturnType<typeof member>[]): Promise<number> {
  const r = await call('POST', '/api/submissions', { token: tok(`clerk@${branch}`), body: submission(quarter, list) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.revision as number;
}

beforeAll(async () => {
  s = await buildCommittee();
  // 机关第一党支部: hostile names, partial payers, a six-month case.
  await submit('JT-ZZ1-01', Q, [
    ...HOSTILE.map((name, i) => member(Q, { n: 1 + i, name })),
    member(Q, { n: 10, paid: 0, unpaidStreak: 7 }),
    member(Q, { n: 11, paid: 1234 }),
    member(Q, { n: 12, memberClass: '预备党员', joinDate: '2026-01-15' }),
    ...members(Q, 20, 6),
  ]);
  // 机关第二党支部: confirmed by finance.
  const rev = await submit('JT-ZZ1-02', Q, [...members(Q, 40, 8), member(Q, { n: 48, category: '农民' }), member(Q, { n: 49, paid: 0, unpaidStreak: 3 })]);
  const c = await call('POST', `/api/submissions/JT-ZZ1-02/${Q}/confirm`, { token: tok('finance@JT'), body: { revision: rev } });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  // 路政养护: two branches in, 离退休党支部 missing.
  await submit('JT-ZZ2-01', Q, [...members(Q, 60, 12), member(Q, { n: 72, category: '离退休', paid: 500 })]);
  await submit('JT-ZZ2-02', Q, members(Q, 80, 4, { category: '学生' }));
  // A branch directly under the 党委.
  await submit('JT-01', Q, [...members(Q, 90, 5), member(Q, { n: 95, paid: 0, unpaidStreak: 9 })]);
  // Another quarter of the year for one branch, so the year differs from the quarter.
  await submit('JT-01', '2026Q2', members('2026Q2', 90, 6));
});

async function rollup(period: string, token: string, org?: string): Promise<RollupNode> {
  const r = await call('GET', `/api/rollups/${period}${org ? `?org=${org}` : ''}`, { token });
  expect(r.status).toBe(200);
  return r.body as RollupNode;
}

async function branchMembers(period: string, token: string, org: string): Promise<RollupMember[]> {
  const r = await call('GET', `/api/rollups/${period}/members?org=${org}`, { token });
  expect(r.status).toBe(200);
  return r.body.members as RollupMember[];
}

function nodes(n: RollupNode, out: RollupNode[] = []): RollupNode[] {
  out.push(n);
  n.children.forEach((c) => nodes(c, out));
  return out;
}

/** Header row index (0-based) of a sheet: the row whose first cell is the given header. */
function headerRow(sheet: ReadSheet, first: string): number {
  const i = sheet.rows.findIndex((r) => r[0] === first);
  expect(i, `header ${first} on ${sheet.name}`).toBeGreaterThanOrEqual(0);
  return i;
}

function byHeader(sheet: ReadSheet, h: number): (row: (string | number | null)[], name: string) => string | number | null {
  const headers = sheet.rows[h]!.map((x) => String(x ?? '').replace(/\n/g, ''));
  return (row, name) => {
    const i = headers.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} on ${sheet.name}: ${headers.join('|')}`);
    return row[i] ?? null;
  };
}

/** Compares the 汇总 sheet with the roll-up tree: every node's row, every figure, to the 分. */
function compareSummary(book: ReadBook, tree: RollupNode): void {
  const sum = book.sheet('汇总');
  const h = headerRow(sum, '组织');
  const col = byHeader(sum, h);
  const figureRows = sum.rows.slice(h + 1).filter((r) => typeof col(r, '应交党费') === 'number');
  const all = nodes(tree);
  // One figure row per branch, a 小计 per 总支 and the 合计 for the root.
  expect(figureRows).toHaveLength(all.length);
  for (const n of all) {
    const level = n === tree ? '合计' : n.org.kind === '党支部' ? '党支部' : '小计';
    const row = figureRows.find((r) => col(r, '组织代码') === n.org.code && col(r, '层级') === level);
    expect(row, `row of ${n.org.code}`).toBeDefined();
    const f = n.figures;
    expect(col(row!, '正式党员')).toBe(f.members.formal);
    expect(col(row!, '预备党员')).toBe(f.members.probationary);
    expect(fen(col(row!, '应交党费'))).toBe(f.dueFen);
    expect(fen(col(row!, '实交党费'))).toBe(f.paidFen);
    expect(fen(col(row!, '欠交党费'))).toBe(f.arrearsFen);
    expect(col(row!, '欠交人数')).toBe(f.membersInArrears);
    expect(col(row!, '连续六个月未交人数')).toBe(f.membersSixMonthArrears);
    const rate = col(row!, '收缴率');
    if (f.collectionRateBp === null) expect(rate).toBeNull();
    else expect(Math.round((rate as number) * 10000)).toBe(f.collectionRateBp);
  }
}

describe('GET /api/reports/{period}.xlsx for the 党委 leader', () => {
  let book: ReadBook;
  let tree: RollupNode;
  let res: Awaited<ReturnType<typeof download>>;
  beforeAll(async () => {
    res = await download(`/api/reports/${Q}.xlsx`, tok('leader@JT'));
    expect(res.status, res.text).toBe(200);
    book = readXlsx(res.bytes);
    tree = await rollup(Q, tok('leader@JT'));
  });

  it('is an xlsx attachment that is never cached', () => {
    expect(res.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="duesbook-JT-2026Q3\.xlsx"; filename\*=UTF-8''/);
    expect(res.headers.get('Cache-Control')).toContain('no-store');
  });

  it('has the summary, the arrears list, the 公示 and one sheet per branch', () => {
    const branches = nodes(tree).filter((n) => n.org.kind === '党支部').map((n) => n.org.name);
    expect(book.sheets.map((x) => x.name)).toEqual(['汇总', '欠缴名单', '公示', '大额党费', ...branches]);
  });

  it('汇总 equals the roll-up API for every node, to the 分', () => {
    compareSummary(book, tree);
    // Subtotals really are the sums of the rows above them (not just equal to the API).
    const zz1 = tree.children.find((c) => c.org.code === 'JT-ZZ1')!;
    expect(zz1.figures.dueFen).toBe(zz1.children.reduce((t, c) => t + c.figures.dueFen, 0));
  });

  it('each branch sheet lists the members the API lists, month by month, with totals equal to the roll-up', async () => {
    for (const b of nodes(tree).filter((n) => n.org.kind === '党支部')) {
      const api = await branchMembers(Q, tok('leader@JT'), b.org.code);
      const sheet = book.sheet(b.org.name);
      if (!api.length) {
        expect(sheet.rows.some((r) => r[0] === '本期未报送')).toBe(true);
        continue;
      }
      const h = headerRow(sheet, '序号');
      const col = byHeader(sheet, h);
      const lines = sheet.rows.slice(h + 1, h + 1 + api.length);
      api.forEach((m, i) => {
        const row = lines[i]!;
        expect(col(row, '姓名')).toBe(m.name);
        expect(col(row, '身份证号')).toBe(m.idMasked);
        expect(col(row, '党员类别')).toBe(m.memberClass);
        expect(col(row, '缴费类别')).toBe(m.category);
        for (const mo of m.months) expect(fen(col(row, `${Number(mo.month.slice(5))}月实交`))).toBe(mo.paidFen);
        expect(fen(col(row, '应交合计'))).toBe(m.dueFen);
        expect(fen(col(row, '实交合计'))).toBe(m.paidFen);
        expect(fen(col(row, '欠交'))).toBe(m.arrearsFen);
        expect(col(row, '连续未交月数')).toBe(m.unpaidStreak);
      });
      const total = sheet.rows[h + 1 + api.length]!;
      expect(total[0]).toBe('合计');
      expect(fen(col(total, '应交合计'))).toBe(b.figures.dueFen);
      expect(fen(col(total, '实交合计'))).toBe(b.figures.paidFen);
      expect(fen(col(total, '欠交'))).toBe(b.figures.arrearsFen);
    }
  });

  it('never shows the income base or a raw ID to leadership', () => {
    for (const sheet of book.sheets) {
      expect(sheet.xml + JSON.stringify(sheet.rows)).not.toContain('缴费基数');
      for (const row of sheet.rows) for (const v of row) if (typeof v === 'string') expect(v).not.toMatch(/\d{17}[\dX]/);
    }
  });

  it('欠缴名单 lists everyone in arrears, six-month cases first, adding up to the roll-up', () => {
    const sheet = book.sheet('欠缴名单');
    const h = headerRow(sheet, '序号');
    const col = byHeader(sheet, h);
    const lines = sheet.rows.slice(h + 1).filter((r) => typeof r[0] === 'number');
    expect(lines).toHaveLength(tree.figures.membersInArrears);
    expect(lines.reduce((t, r) => t + fen(col(r, '欠交金额')), 0)).toBe(tree.figures.arrearsFen);
    const streaks = lines.map((r) => col(r, '连续未交月数') as number);
    const six = streaks.filter((x) => x >= 6).length;
    expect(six).toBe(tree.figures.membersSixMonthArrears);
    expect(streaks.slice(0, six).every((x) => x >= 6)).toBe(true);
    expect(streaks.slice(six).every((x) => x < 6)).toBe(true);
    expect(lines.slice(0, six).every((r) => col(r, '连续六个月未交') === '是')).toBe(true);
  });

  it('公示 has names and amounts only, one block per branch with figures, each adding up to the branch roll-up and signed', async () => {
    const sheet = book.sheet('公示');
    const branches = nodes(tree).filter((n) => n.org.kind === '党支部');
    const posted: RollupNode[] = [];
    const absent: RollupNode[] = [];
    for (const b of branches) ((await branchMembers(Q, tok('leader@JT'), b.org.code)).length ? posted : absent).push(b);
    expect(posted.length).toBeGreaterThan(0);
    expect(absent.length).toBeGreaterThan(0);
    for (const b of posted) {
      const t = sheet.rows.findIndex((r) => r[0] === `${b.org.name} 党费收缴情况公示`);
      expect(t, b.org.name).toBeGreaterThanOrEqual(0);
      expect(sheet.rows[t + 2]).toEqual(['序号', '姓名', '实交党费（元）']);
      const end = sheet.rows.findIndex((r, i) => i > t && r[0] === '合计');
      const lines = sheet.rows.slice(t + 3, end).filter((r) => typeof r[0] === 'number');
      expect(lines.reduce((x, r) => x + fen(r[2]), 0)).toBe(b.figures.paidFen);
      expect(fen(sheet.rows[end]![2])).toBe(b.figures.paidFen);
      // After the total: the 公示期 with where to ask, then the 落款 (the 党委) and the date.
      const after = sheet.rows.slice(end + 1, end + 6).map((r) => r[0]).filter((v) => v !== undefined && v !== null);
      expect(after[0]).toMatch(/^公示期：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日（共7天）。如有疑问，请在公示期内向所在党支部或党委组织部门反映。$/);
      expect(after[1]).toBe(tree.org.name);
      expect(after[2]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    }
    // A branch without figures gets no page of its own, only a line in one list at the end.
    for (const b of absent) {
      expect(sheet.rows.some((r) => r[0] === `${b.org.name} 党费收缴情况公示`)).toBe(false);
      expect(sheet.rows.filter((r) => r[1] === b.org.name)).toHaveLength(1);
    }
    expect(sheet.rows.some((r) => r[0] === `本期未列入公示的党支部（${absent.length}个）`)).toBe(true);
    expect(JSON.stringify(sheet.rows)).not.toContain('"本期未报送","');
    // No ID (masked or not) and no third money column anywhere on the sheet.
    expect(JSON.stringify(sheet.rows)).not.toMatch(/\*{8}|\d{6}\*/);
    expect(Math.max(...sheet.rows.map((r) => r.length))).toBeLessThanOrEqual(3);
    // One printed page per posted block, and one for the list of the absent.
    expect((sheet.xml.match(/<brk /g) ?? []).length).toBe(posted.length);
  });

  it('prints on A4 unless the committee chose A3', () => {
    for (const s of book.sheets) expect(s.xml).toMatch(/<pageSetup paperSize="9"/);
  });

  it('writes formula-like names as plain text cells: no formula anywhere, text exactly as submitted', async () => {
    const api = await branchMembers(Q, tok('leader@JT'), 'JT-ZZ1-01');
    for (const sheet of book.sheets) {
      expect(sheet.xml).not.toMatch(/<f[\s>/]/);
      for (const c of sheet.cells.values()) expect(c.formula).toBeNull();
    }
    const stored = api.map((m) => m.name).filter((n) => /^[=+\-@]/.test(n));
    expect(stored.length).toBeGreaterThanOrEqual(4);
    for (const name of stored) {
      for (const sheetName of ['机关第一党支部', '公示']) {
        const cells = [...book.sheet(sheetName).cells.values()].filter((c) => c.value === name);
        expect(cells.length, `${name} on ${sheetName}`).toBe(1);
        expect(cells[0]!.type).toBe('s');
        // …and with the quote prefix, so editing the cell in Excel keeps it text.
        const xf = [...book.stylesXml.matchAll(/<xf\b[^>]*>/g)].slice(1)[cells[0]!.style];
        expect(xf?.[0]).toContain('quotePrefix="1"');
      }
    }
  });

  it('is print-ready: frozen header, filter, landscape fit to width, repeated header row, header/footer', () => {
    const xml = book.sheet('汇总').xml;
    expect(xml).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    // 14 columns since the approved reductions got their own (经批准不计欠交, issue 15).
    expect(xml).toMatch(/<autoFilter ref="A3:N\d+"\/>/);
    expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
    // 支部 rows are grouped under their 总支 so the tree folds.
    expect(xml).toContain('outlineLevelRow="2"');
    expect(xml).toMatch(/<row r="\d+" outlineLevel="2">/);
    expect(xml).toMatch(/<oddHeader>.*中共某市交通运输局委员会 党费收缴汇总表.*2026年第三季度<\/oddHeader>/);
    expect(xml).toMatch(/<oddFooter>.*生成时间/);
    expect(book.workbookXml).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="0">'汇总'!\$3:\$3<\/definedName>/);
    expect(book.stylesXml).toContain('formatCode="&quot;¥&quot;#,##0.00"');
    expect(book.stylesXml).toContain('formatCode="0.0%"');
  });

  it('records the download as an audit event', async () => {
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'report.download'").first<{ n: number }>();
    const again = await download(`/api/reports/${Q}.xlsx`, tok('leader@JT'));
    expect(again.status).toBe(200);
    const after = await env.DB.prepare("SELECT COUNT(*) AS n, MAX(content) AS last FROM audit_events WHERE action = 'report.download'").first<{ n: number; last: string }>();
    expect(after!.n).toBe(before!.n + 1);
    const ev = await env.DB.prepare("SELECT content FROM audit_events WHERE action = 'report.download' ORDER BY seq DESC LIMIT 1").first<{ content: string }>();
    expect(JSON.parse(ev!.content)).toMatchObject({ role: 'leader', quarter: Q, details: { via: 'bearer', bytes: again.bytes.length } });
  });
});

describe('other periods, roles and scopes', () => {
  it('the OpenAPI document lists both report routes', async () => {
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/reports/{file}', '/api/reports/{period}/link']));
  });

  it('the year 2026 equals the year roll-up', async () => {
    const r = await download('/api/reports/2026.xlsx', tok('finance@JT'));
    expect(r.status, r.text).toBe(200);
    const book = readXlsx(r.bytes);
    const year = await rollup('2026', tok('finance@JT'));
    compareSummary(book, year);
    // A year has no single status per branch: partly submitted years say so.
    const sum = book.sheet('汇总');
    const col = byHeader(sum, headerRow(sum, '组织'));
    const statusOf = (code: string) => col(sum.rows.find((r) => col(r, '组织代码') === code && col(r, '层级') === '党支部')!, '报送状态');
    expect(statusOf('JT-01')).toBe('未报齐（2/4个季度）');
    const jt01 = year.children.find((c) => c.org.code === 'JT-01')!;
    expect(jt01.quartersSubmitted).toBe(2);
    expect(statusOf('JT-ZZ2-03')).toBe('未报送');
    expect(year.figures.branches.submitted).toBe(0);
    const sheet = book.sheet('运输管理处党支部');
    const h = headerRow(sheet, '序号');
    // Twelve month columns for a year.
    expect(sheet.rows[h]!.filter((x) => typeof x === 'string' && /^\d+月实交$/.test(x))).toHaveLength(12);
  });

  it('finance sees the income base; it matches the API', async () => {
    const r = await download(`/api/reports/${Q}.xlsx`, tok('finance@JT'));
    const sheet = readXlsx(r.bytes).sheet('机关第二党支部');
    const h = headerRow(sheet, '序号');
    const col = byHeader(sheet, h);
    const api = await branchMembers(Q, tok('finance@JT'), 'JT-ZZ1-02');
    expect(api[0]!.baseFen).not.toBeNull();
    api.forEach((m, i) => expect(m.baseFen === null ? null : fen(col(sheet.rows[h + 1 + i]!, '缴费基数'))).toBe(m.baseFen));
  });

  it('a 总支 leader gets their own subtree only', async () => {
    const r = await download(`/api/reports/${Q}.xlsx`, tok('leader@JT-ZZ2'));
    expect(r.status).toBe(200);
    const book = readXlsx(r.bytes);
    compareSummary(book, await rollup(Q, tok('leader@JT-ZZ2')));
    expect(book.sheets.map((x) => x.name)).toEqual(['汇总', '欠缴名单', '公示', '大额党费', '路政支队党支部', '养护中心党支部', '离退休党支部']);
    expect((await download(`/api/reports/${Q}.xlsx?org=JT-ZZ1`, tok('leader@JT-ZZ2'))).status).toBe(404);
    expect((await download(`/api/reports/${Q}.xlsx?org=JT`, tok('leader@JT-ZZ2'))).status).toBe(404);
  });

  it('refuses a clerk (403), an admin (403), no token (401) and a malformed period (400)', async () => {
    const clerk = await download(`/api/reports/${Q}.xlsx`, tok('clerk@JT-ZZ1-01'));
    expect(clerk.status).toBe(403);
    expect(JSON.parse(clerk.text).error.code).toBe('FORBIDDEN');
    expect((await download(`/api/reports/${Q}.xlsx`, tok('admin@JT'))).status).toBe(403);
    expect((await download(`/api/reports/${Q}.xlsx`)).status).toBe(401);
    expect((await download('/api/reports/2026Q5.xlsx', tok('leader@JT'))).status).toBe(400);
    const link = await call('POST', `/api/reports/${Q}/link`, { token: tok('clerk@JT-01') });
    expect(link.status).toBe(403);
  });
});

describe('signed links', () => {
  async function makeLink(token: string, body?: unknown): Promise<string> {
    const r = await call('POST', `/api/reports/${Q}/link`, { token, ...(body ? { body } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(Date.parse(r.body.expiresAt) - Date.now()).toBeLessThanOrEqual(((body as { minutes?: number })?.minutes ?? 10) * 60_000);
    return r.body.url as string;
  }

  it('downloads without a bearer token, the same figures, audited as a link download', async () => {
    const url = await makeLink(tok('leader@JT'));
    expect(url).toMatch(/^\/api\/reports\/2026Q3\.xlsx\?link=/);
    const r = await download(url);
    expect(r.status, r.text).toBe(200);
    compareSummary(readXlsx(r.bytes), await rollup(Q, tok('leader@JT')));
    const ev = await env.DB.prepare("SELECT content FROM audit_events WHERE action = 'report.download' ORDER BY seq DESC LIMIT 1").first<{ content: string }>();
    expect(JSON.parse(ev!.content)).toMatchObject({ role: 'leader', details: { via: 'link' } });
  });

  it('records making a link as an audit event: who, for which org and period, until when', async () => {
    const before = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'report.link'").first<{ n: number }>())!.n;
    const r = await call('POST', `/api/reports/${Q}/link`, { token: tok('leader@JT'), body: { org: 'JT-ZZ2', minutes: 7 } });
    expect(r.status).toBe(201);
    const ev = await env.DB.prepare(
      "SELECT a.content, o.code, a.quarter, a.hash FROM audit_events a JOIN orgs o ON o.id = a.org_id WHERE a.action = 'report.link' ORDER BY a.seq DESC LIMIT 1",
    ).first<{ content: string; code: string; quarter: string; hash: string | null }>();
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'report.link'").first<{ n: number }>())!.n).toBe(before + 1);
    expect(ev).toMatchObject({ code: 'JT-ZZ2', quarter: Q });
    expect(ev!.hash).toMatch(/^[0-9a-f]{64}$/);
    const { id: tokenId, orgId: jtId } = (await env.DB.prepare("SELECT t.id, o.id AS orgId FROM tokens t JOIN orgs o ON o.id = t.org_id WHERE o.code = 'JT' AND t.role = 'leader'").first<{ id: number; orgId: number }>())!;
    expect(JSON.parse(ev!.content)).toMatchObject({ tokenId, role: 'leader', actorOrg: jtId, details: { org: 'JT-ZZ2', period: Q, minutes: 7, expiresAt: r.body.expiresAt } });
    // A refused request (a clerk) leaves no event.
    expect((await call('POST', `/api/reports/${Q}/link`, { token: tok('clerk@JT-01') })).status).toBe(403);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'report.link'").first<{ n: number }>())!.n).toBe(before + 1);
  });

  it('is bound to the organisation it was made for', async () => {
    const url = await makeLink(tok('leader@JT'), { org: 'JT-ZZ1', minutes: 5 });
    const book = readXlsx((await download(url)).bytes);
    compareSummary(book, await rollup(Q, tok('leader@JT'), 'JT-ZZ1'));
    // ?org= on the URL cannot widen it.
    const widened = readXlsx((await download(`${url}&org=JT`)).bytes);
    expect(widened.sheets.map((x) => x.name)).toEqual(book.sheets.map((x) => x.name));
  });

  it('refuses an expired link', async () => {
    const tokenId = (await env.DB.prepare("SELECT t.id FROM tokens t JOIN orgs o ON o.id = t.org_id WHERE o.code = 'JT' AND t.role = 'leader'").first<{ id: number }>())!.id;
    const link = await signLink(env.ID_HMAC_KEY, { purpose: 'report-download', org: 'JT', period: Q, tokenId, exp: Math.floor(Date.now() / 1000) - 1 });
    const r = await download(`/api/reports/${Q}.xlsx?link=${encodeURIComponent(link)}`);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text).error.message).toContain('expired');
    // The same claims, still valid, do work: it is the expiry that refused it.
    const ok = await signLink(env.ID_HMAC_KEY, { purpose: 'report-download', org: 'JT', period: Q, tokenId, exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await download(`/api/reports/${Q}.xlsx?link=${encodeURIComponent(ok)}`)).status).toBe(200);
  });

  it('refuses tampered links: other period, other org, forged signature, other key, garbage', async () => {
    const url = await makeLink(tok('leader@JT-ZZ2'));
    const link = decodeURIComponent(url.split('link=')[1]!);
    const [payload, sig] = link.split('.') as [string, string];
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const attempts = [
      `/api/reports/2026Q2.xlsx?link=${encodeURIComponent(link)}`,
      `/api/reports/${Q}.xlsx?link=${encodeURIComponent(`${b64({ ...claims, org: 'JT' })}.${sig}`)}`,
      `/api/reports/${Q}.xlsx?link=${encodeURIComponent(`${b64({ ...claims, exp: claims.exp + 86400 })}.${sig}`)}`,
      `/api/reports/${Q}.xlsx?link=${encodeURIComponent(`${payload}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BA' : 'AA'}`)}`,
      `/api/reports/${Q}.xlsx?link=${encodeURIComponent(await signLink('another-key', claims))}`,
      `/api/reports/${Q}.xlsx?link=nonsense`,
      `/api/reports/${Q}.xlsx?link=`,
    ];
    for (const a of attempts) {
      const r = await download(a);
      expect(r.status, a).toBe(401);
      expect(JSON.parse(r.text).error.code).toBe('UNAUTHENTICATED');
    }
    // The untouched link still works.
    expect((await download(url)).status).toBe(200);
  });

  it('dies with the token that made it', async () => {
    const made = await call('POST', '/api/tokens', { token: tok('admin@JT'), body: { orgCode: 'JT', role: 'leader', label: 'temp' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const url = await makeLink(made.body.token);
    expect((await download(url)).status).toBe(200);
    const del = await call('DELETE', `/api/tokens/${made.body.id}`, { token: tok('admin@JT') });
    expect(del.status).toBeLessThan(300);
    expect((await download(url)).status).toBe(401);
  });
});
