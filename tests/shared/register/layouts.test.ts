// Every register layout of issue 10, from the fixtures in tests/fixtures/register-layouts.ts
// (built from public templates, cited there): each planted finding at its cell, nothing on a
// clean member's rows, and the same member-month records and findings from every layout
// wherever the layout carries the data.
import { describe, expect, it } from 'vitest';
import { checkWorkbook, memberMonths, type CheckResult } from '../../../shared/check';
import type { Finding } from '../../../shared/findings/finding';
import type { Grid } from '../../../shared/grid';
import { DEFAULT_SETTINGS, type CommitteeSettings } from '../../../shared/settings';
import { AS_OF, LAYOUTS, MEMBERS, PLANTED, annualSummary, monthRows, perMemberSheets, perMonthSheets, rangeRecords, roster, wide } from '../../fixtures/register-layouts';

const check = (grids: Grid[]) => checkWorkbook(grids, { asOf: AS_OF });
const at = (f: Finding) => `${f.code}@${f.sheet}!${f.cell}`;

/** The member a finding is about: the sheet's member, else the name on the finding's row. */
function memberOf(res: CheckResult, grids: Grid[], f: Finding): string | null {
  const t = res.tables.find((x) => x.sheet === f.sheet);
  if (!t) return null;
  if (t.sheetMember) return t.sheetMember;
  const g = grids.find((x) => x.name === f.sheet)!;
  const c = t.columns.name;
  const v = c === undefined ? null : g.values[f.row - (g.origin?.row ?? 0)]?.[c - (g.origin?.col ?? 0)];
  return typeof v === 'string' ? v : null;
}

function byMember(res: CheckResult, grids: Grid[]) {
  const out = new Map<string, Set<string>>();
  for (const f of res.findings) {
    if (f.severity === 'info') continue;
    const who = memberOf(res, grids, f) ?? '?';
    const key = f.code === 'UNPAID' ? `${f.code}:${(f.message.match(/2026年\d+月/) ?? [''])[0]}` : f.code;
    (out.get(who) ?? out.set(who, new Set()).get(who)!).add(key);
  }
  return out;
}

describe('planted findings at their cells, per layout', () => {
  const cases: [string, () => Grid[], string[]][] = [
    ['months as columns', wide, ['RATE_WRONG@Sheet2!I7', 'DUE_WRONG@Sheet2!J8', 'UNPAID@Sheet2!R6', 'UNPAID@Sheet2!S6', 'UNPAID@Sheet2!T6']],
    ['one row per member and month (Sheet0)', monthRows, ['RATE_WRONG@Sheet0!F6', 'DUE_WRONG@Sheet0!G7', 'RATE_WRONG@Sheet0!F54', 'UNPAID@Sheet0!H41', 'UNPAID@Sheet0!H47', 'UNPAID@Sheet0!H53']],
    ['range records, one 缴费起止月份 cell', () => rangeRecords(false), ['RATE_WRONG@缴费记录!E10', 'DUE_WRONG@缴费记录!F12', 'UNPAID@缴费记录!A9']],
    ['range records, start and end columns', () => rangeRecords(true), ['RATE_WRONG@缴费记录!E11', 'DUE_WRONG@缴费记录!F13', 'UNPAID@缴费记录!A9']],
    ['annual summary', annualSummary, ['SUBTOTAL_WRONG@年度汇总!H6', 'RATE_WRONG@年度汇总!F7', 'DUE_WRONG@年度汇总!G8', 'UNPAID@年度汇总!I6', 'ARREARS_APPROXIMATE@年度汇总!I6', 'CHECK_NOT_RUN@年度汇总!I2']],
    ['one sheet per month', perMonthSheets, ['RATE_WRONG@Sheet3!E7', 'DUE_WRONG@9月!F8', 'SUBTOTAL_WRONG@9月!G9', 'UNPAID@7月!G6', 'UNPAID@8月!G6', 'UNPAID@9月!G6']],
    ['one sheet per member', perMemberSheets, ['SUBTOTAL_WRONG@钱四!C16', 'UNPAID@钱四!C10', 'UNPAID@钱四!C11', 'UNPAID@钱四!C12', 'CHECK_NOT_RUN@王一!A3']],
  ];
  it.each(cases)('%s', (_name, make, planted) => {
    const grids = make();
    const res = check(grids);
    const found = res.findings.map(at);
    for (const p of planted) expect(found, p).toContain(p);
    expect(res.skippedSheets).toEqual([]);
    expect(res.summary.members).toBe(MEMBERS.length);
    // Nothing but what was planted: no error or warning on a clean member, none on the roster.
    const findings = byMember(res, grids);
    for (const clean of PLANTED.clean) expect(findings.get(clean), clean).toBeUndefined();
    expect(res.findings.filter((f) => f.sheet === 'Sheet1' && f.severity !== 'info')).toEqual([]);
    expect(res.findings.filter((f) => f.code === 'COLUMN_MISSING' || f.code === 'COLUMN_AMBIGUOUS' || f.code === 'SHEET_NOT_FOUND')).toEqual([]);
  });
});

describe('the same members in every layout', () => {
  const results = Object.entries(LAYOUTS).map(([name, make]) => {
    const grids = make();
    return { name, grids, res: check(grids) };
  });
  const records = (res: CheckResult) => res.members.map((m) => ({
    name: m.name, memberClass: m.memberClass, category: m.category, idNumber: m.idNumber,
    months: memberMonths(m).map((x) => `${x.month} ${x.dueFen}/${x.paidFen}/${x.largeFen}`),
  }));

  it('gives the same member-month records', () => {
    const first = records(results[0]!.res);
    expect(first).toHaveLength(MEMBERS.length);
    expect(first[3]!.months.slice(5, 7)).toEqual(['2026-06 4900/4900/0', '2026-07 4900/0/0']);
    for (const r of results.slice(1)) expect(records(r.res), r.name).toEqual(first);
  });

  it('gives the same findings per member wherever the layout carries the data', () => {
    const unpaid = new Set(PLANTED.unpaid.months.map((m) => `UNPAID:2026年${Number(m.slice(5))}月`));
    for (const { name, grids, res } of results) {
      const f = byMember(res, grids);
      expect([...(f.get(PLANTED.unpaid.name) ?? [])].filter((k) => k.startsWith('UNPAID')).sort(), name).toEqual([...unpaid].sort());
      // A per-member sheet carries no rate and no base: the rate and due checks are said not to run instead.
      if (name === 'perMemberSheets') {
        expect(res.findings.some((x) => x.code === 'CHECK_NOT_RUN')).toBe(true);
        continue;
      }
      expect(f.get(PLANTED.rateWrong), name).toEqual(new Set(['RATE_WRONG']));
      expect(f.get(PLANTED.dueWrong), name).toEqual(new Set(['DUE_WRONG']));
    }
  });
});

describe('columns told by their words and their cells', () => {
  it('reads 党籍状态 of 正式党员/预备党员 as the class, 人员状态 as the category, 流动党员 as no class error', () => {
    const res = check(wide());
    const t = res.tables.find((x) => x.sheet === 'Sheet1')!;
    expect(t.kind).toBe('roster');
    expect(t.columns).toMatchObject({ memberClass: 4, category: 7 });
    expect(res.members.map((m) => m.memberClass)).toEqual(['正式党员', '正式党员', '预备党员', '正式党员', '正式党员', '正式党员']);
    expect(res.members[2]!.category).toBe('学生'); // 研究生
    expect(res.findings.filter((f) => f.code === 'MEMBER_CLASS_INVALID')).toEqual([]);
  });

  it('a salary 小计 beside 基本工资 / 津贴 is no dues total, a 缴费类型 of 正常/补缴 no category', () => {
    const res = check(wide());
    const reg = res.tables.find((x) => x.sheet === 'Sheet2')!;
    expect(reg.columns.paidTotal).toBe(23); // 全年实缴党费, not the 小计 in G
    expect(reg.columns.category).toBe(3);
    expect(reg.columns.payKind).toBe(10);
    expect(res.findings.filter((f) => f.code === 'SUBTOTAL_WRONG' || f.code === 'DUES_CATEGORY_INVALID')).toEqual([]);
  });

  it('a wrong 全年实缴 beside month columns is still SUBTOTAL_WRONG (the total column is real)', () => {
    const grids = wide();
    grids[1]!.values[2]![23] = 800;
    expect(check(grids).findings.map(at)).toContain('SUBTOTAL_WRONG@Sheet2!X3');
  });

  it('rates written 千分之五 / 百分之一 are read as rates', () => {
    const grids = wide();
    grids[1]!.values[6]![8] = '千分之五'; // 孙五: right now
    grids[1]!.values[5]![8] = '百分之一'; // 钱四: as before
    const res = check(grids);
    expect(res.findings.filter((f) => f.code === 'RATE_WRONG')).toEqual([]);
  });

  it('入党积极分子 under 政治面貌-like 党籍状态 is not a member: NOT_A_MEMBER, no dues expected', () => {
    const grids = wide();
    grids[0] = roster({ nonMember: true });
    const res = check(grids);
    const info = res.findings.filter((f) => f.code === 'NOT_A_MEMBER');
    expect(info.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['Sheet1!E9']);
    expect(info[0]!.severity).toBe('info');
    expect(res.summary.members).toBe(MEMBERS.length);
    expect(res.findings.some((f) => f.code === 'DUES_MEMBER_MISSING')).toBe(false);
  });

  it('a roster without IDs is still a roster: the ID checks said not to run, once', () => {
    const grids = monthRows();
    grids[0] = { ...grids[0]!, values: grids[0]!.values.map((row) => row.filter((_, c) => c !== 3)) };
    grids[1] = { ...grids[1]!, values: grids[1]!.values.map((row) => row.filter((_, c) => c !== 1)) };
    const res = check(grids);
    expect(res.tables.find((t) => t.sheet === 'Sheet1')?.kind).toBe('roster');
    const notRun = res.findings.filter((f) => f.code === 'CHECK_NOT_RUN');
    expect(notRun.map((f) => f.sheet)).toEqual(['Sheet1']);
    expect(res.findings.filter((f) => f.code === 'COLUMN_MISSING')).toEqual([]);
    expect(res.members.map((m) => memberMonths(m)[0]!.paidFen)).toEqual([9000, 2000, 20, 4900, 1500, 10000]);
  });

  it('a workbook with no category anywhere takes the committee default (在职), said once', () => {
    const grids = monthRows();
    grids[0] = { ...grids[0]!, values: grids[0]!.values.map((row) => row.filter((_, c) => c !== 7)) };
    grids[1] = { ...grids[1]!, values: grids[1]!.values.map((row) => row.filter((_, c) => c !== 3)) };
    const res = check(grids);
    expect(res.findings.filter((f) => f.code === 'CATEGORY_ASSUMED').map((f) => f.sheet)).toEqual(['Sheet0']);
    expect(res.members[0]!.category).toBe('在职');
    const retired = checkWorkbook(grids, { asOf: AS_OF, settings: defaultsWith('离退休') });
    expect(retired.members[0]!.category).toBe('离退休');
  });

  it('a month row whose month cannot be read is said at its cell and not judged', () => {
    const grids = monthRows();
    grids[1]!.values[1]![2] = '某月';
    expect(check(grids).findings.map(at)).toContain('DATE_INVALID@Sheet0!C2');
  });
});

function defaultsWith(category: string): CommitteeSettings {
  return { ...DEFAULT_SETTINGS, defaultCategory: category } as CommitteeSettings;
}
