// One test (at least) per finding code of checks.md, each on a small grid that differs from a
// clean workbook in one place, asserting the code, its sheet and cell, and where a fix exists,
// the fix value.
import { describe, expect, it } from 'vitest';
import { checkWorkbook, type CheckOptions } from '../../../shared/check';
import { FINDING_CODES, type FindingCode } from '../../../shared/findings/codes';
import { fixLabel } from '../../../shared/findings/collect';
import type { Grid } from '../../../shared/grid';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { isoToExcelSerial } from '../../../shared/dates';
import { upgrade15 } from '../../../shared/idcard';
import { makeId, person, registerGrid, rosterGrid, workbook, type Person } from './grids';

const AS_OF = '2026-09-30';
const tested = new Set<FindingCode>();

function check(grids: Grid[], opts: Partial<CheckOptions> = {}) {
  return checkWorkbook(grids, { asOf: AS_OF, ...opts });
}

/** Finds exactly the findings of `code`, records the code as tested. */
function expectFinding(grids: Grid[], code: FindingCode, sheet: string, cell: string, opts: Partial<CheckOptions> = {}) {
  tested.add(code);
  const res = check(grids, opts);
  const hits = res.findings.filter((f) => f.code === code);
  expect(hits.map((f) => `${f.sheet}!${f.cell}`), `${code} findings`).toContain(`${sheet}!${cell}`);
  return hits.find((f) => f.sheet === sheet && f.cell === cell)!;
}

function two(over: Partial<Person>, overRegister?: Partial<Person>): Grid[] {
  const a = person(over, 1);
  const b = person({}, 2);
  if (!overRegister) return workbook([a, b]);
  return [rosterGrid([a, b]), registerGrid([{ ...a, ...overRegister }, b])];
}

const serial = (iso: string) => isoToExcelSerial(iso);

describe('a clean workbook', () => {
  it('has no errors or warnings', () => {
    const res = check(workbook([person({}, 1), person({}, 2), person({}, 3)], { totals: true }));
    expect(res.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(res.summary).toEqual({ errors: 0, warnings: 0, infos: 0, members: 3 });
  });
});

describe('workbook and sheet level', () => {
  it('SHEET_NOT_FOUND for a missing register and for a missing roster', () => {
    const people = [person({}, 1)];
    const noRegister = check([rosterGrid(people)]);
    expect(noRegister.findings.filter((f) => f.code === 'SHEET_NOT_FOUND').map((f) => f.messageEn)).toEqual([
      expect.stringContaining('dues register'),
    ]);
    const noRoster = expectFinding([{ name: '说明', values: [['本表说明']] }, registerGrid(people)], 'SHEET_NOT_FOUND', '说明', 'A1');
    expect(noRoster.severity).toBe('error');
    expect(noRoster.messageEn).toContain('roster');
  });

  it('COLUMN_MISSING names the field and points at the header row', () => {
    const grids = workbook([person({}, 1)]);
    grids[0]!.values[0]![7] = '备用';
    const f = expectFinding(grids, 'COLUMN_MISSING', '花名册', 'A1');
    expect(f.message).toContain('入党日期');
    expect(f.severity).toBe('error');
  });

  it('COLUMN_MISSING for the base when salaried members have none to compute from', () => {
    const grids = workbook([person({}, 1)]);
    grids[1]!.values[0]![4] = '备用';
    const f = expectFinding(grids, 'COLUMN_MISSING', '党费登记', 'A1');
    expect(f.message).toContain('缴费基数');
  });

  it('COLUMN_AMBIGUOUS when two columns mean the same field; the first is used', () => {
    const grids = workbook([person({}, 1)]);
    for (const row of grids[0]!.values) row.push(row === grids[0]!.values[0] ? '身份证号码' : 'garbage');
    const f = expectFinding(grids, 'COLUMN_AMBIGUOUS', '花名册', 'K1');
    expect(f.severity).toBe('warning');
    // The first column (valid IDs) is the one checked: no ID_FORMAT from the garbage column.
    expect(check(grids).findings.some((x) => x.code === 'ID_FORMAT')).toBe(false);
  });
});

describe('roster', () => {
  it('REQUIRED_MISSING for an empty ID, name, class or joining date', () => {
    expectFinding(two({ id: null }), 'REQUIRED_MISSING', '花名册', 'F2');
    expectFinding(two({ cls: '' }), 'REQUIRED_MISSING', '花名册', 'G2');
    expectFinding(two({ join: null }), 'REQUIRED_MISSING', '花名册', 'H2');
  });

  it('ID_NUMERIC when the ID cell holds a number', () => {
    const f = expectFinding(two({ id: 110105198006101230 }), 'ID_NUMERIC', '花名册', 'F2');
    expect(f.fix).toBeNull();
  });

  it('ID_FORMAT for text that is no ID', () => {
    expectFinding(two({ id: '11010519800610' }), 'ID_FORMAT', '花名册', 'F2');
  });

  it('ID_CHECKSUM says the number does not verify, never which check character would pass', () => {
    const good = makeId('19800610', '103');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const f = expectFinding(two({ id: bad }), 'ID_CHECKSUM', '花名册', 'F2');
    expect(f.message).toBe('公民身份号码未通过校验（号码有误），请对照本人身份证重新录入');
    expect(f.messageEn).toContain('re-enter it from the ID card');
    // Neither message nor fix offers the character that would make a wrong number look valid.
    expect(f.fix).toBeNull();
    expect(`${f.message} ${f.messageEn}`).not.toContain(`应为 ${good[17]}`);
    expect(f.messageEn).not.toMatch(/should be/);
  });

  it('ID_BIRTHDATE for 1970-02-29 inside the ID', () => {
    expectFinding(two({ id: makeId('19700229', '103') }), 'ID_BIRTHDATE', '花名册', 'F2');
  });

  it('ID_REGION for an unknown province code', () => {
    expectFinding(two({ id: makeId('19800610', '103', '990105') }), 'ID_REGION', '花名册', 'F2');
  });

  it('ID_LEGACY offers the 18-character form', () => {
    const f = expectFinding(two({ id: '110105800610103' }), 'ID_LEGACY', '花名册', 'F2');
    expect(f.fix).toBe(upgrade15('110105800610103'));
    expect(f.severity).toBe('warning');
  });

  it('ID_NORMALISABLE offers the normalised text (spaces, full-width)', () => {
    const id = makeId('19800610', '103');
    const wide = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const f = expectFinding(two({ id: ` ${wide.slice(0, 6)} ${wide.slice(6)}` }), 'ID_NORMALISABLE', '花名册', 'F2');
    expect(f.fix).toBe(id);
  });

  it('GENDER_MISMATCH with the gender the ID implies as the fix', () => {
    const f = expectFinding(two({ gender: '女' }), 'GENDER_MISMATCH', '花名册', 'C2');
    expect(f.fix).toBe('男');
  });

  it('BIRTHDATE_MISMATCH keeps the cell a date serial in its fix', () => {
    const f = expectFinding(two({ birth: serial('1981-06-10') }), 'BIRTHDATE_MISMATCH', '花名册', 'E2');
    expect(f.fix).toBe(serial('1980-06-10'));
    // …while people are shown the date, not the serial.
    expect(fixLabel(f)).toBe('1980-06-10');
  });

  it('DUPLICATE_MEMBER on the second row only', () => {
    const a = person({}, 1);
    const b = person({ id: a.id }, 2);
    const res = check(workbook([a, b]));
    tested.add('DUPLICATE_MEMBER');
    expect(res.findings.filter((f) => f.code === 'DUPLICATE_MEMBER').map((f) => f.cell)).toEqual(['F3']);
  });

  it('MEMBER_CLASS_INVALID for anything but 正式/预备党员', () => {
    expectFinding(two({ cls: '入党积极分子' }), 'MEMBER_CLASS_INVALID', '花名册', 'G2');
    expect(check(two({ cls: '预备' , full: null, join: serial('2026-03-01') })).findings.some((f) => f.code === 'MEMBER_CLASS_INVALID')).toBe(false);
  });

  it('ETHNICITY_INVALID with a fix for a short form, without one for nonsense', () => {
    expect(expectFinding(two({ ethnicity: '汉' }), 'ETHNICITY_INVALID', '花名册', 'D2').fix).toBe('汉族');
    expect(expectFinding(two({ ethnicity: '火星族' }), 'ETHNICITY_INVALID', '花名册', 'D2').fix).toBeNull();
  });

  it('DATE_INVALID for an unreadable date', () => {
    const f = expectFinding(two({ join: '去年七月' }), 'DATE_INVALID', '花名册', 'H2');
    expect(f.message).toContain('入党日期');
  });

  it('DATE_FUTURE for a full-membership date after the report date', () => {
    expectFinding(two({ join: serial('2025-08-01'), full: '2026-12-01' }), 'DATE_FUTURE', '花名册', 'I2');
  });

  it('JOIN_UNDERAGE when younger than 18 on joining', () => {
    const f = expectFinding(two({ join: serial('1998-06-09'), full: serial('1999-06-09') }), 'JOIN_UNDERAGE', '花名册', 'H2');
    expect(f.message).toContain('17');
    // The day of the 18th birthday is old enough.
    expect(check(two({ join: serial('1998-06-10'), full: serial('1999-06-10') })).findings.some((x) => x.code === 'JOIN_UNDERAGE')).toBe(false);
  });

  it('FULL_DATE_PRESENT for a probationary member with a full-membership date', () => {
    expectFinding(two({ cls: '预备党员', join: serial('2026-01-10'), full: serial('2026-06-01') }), 'FULL_DATE_PRESENT', '花名册', 'I2');
  });

  it('FULL_DATE_MISSING for a full member without one, unless the 党委 allows it', () => {
    expectFinding(two({ full: null }), 'FULL_DATE_MISSING', '花名册', 'I2');
    const relaxed = check(two({ full: null }), { settings: { ...DEFAULT_SETTINGS, allowFormalWithoutFullDate: true } });
    expect(relaxed.findings.some((f) => f.code === 'FULL_DATE_MISSING')).toBe(false);
  });

  it('FULL_DATE_EARLY for less than a year of probation', () => {
    expectFinding(two({ full: serial('2006-06-30') }), 'FULL_DATE_EARLY', '花名册', 'I2');
    expect(check(two({ full: serial('2006-07-01') })).findings.some((f) => f.code === 'FULL_DATE_EARLY')).toBe(false);
  });

  it('PROBATION_OVERDUE: warning after a year, error after two', () => {
    const oneYear = expectFinding(two({ cls: '预备党员', join: serial('2025-06-01'), full: null }), 'PROBATION_OVERDUE', '花名册', 'G2');
    expect(oneYear.severity).toBe('warning');
    const twoYears = expectFinding(two({ cls: '预备党员', join: serial('2024-06-01'), full: null }), 'PROBATION_OVERDUE', '花名册', 'G2');
    expect(twoYears.severity).toBe('error');
    const inTime = check(two({ cls: '预备党员', join: serial('2025-10-01'), full: null }));
    expect(inTime.findings.some((f) => f.code === 'PROBATION_OVERDUE')).toBe(false);
  });
});

describe('register', () => {
  it('DUES_MEMBER_UNKNOWN for a register row whose member is not on the roster', () => {
    const a = person({}, 1);
    const stranger = person({ name: '陌生人', id: makeId('19850101', '555') }, 9);
    expectFinding([rosterGrid([a]), registerGrid([a, stranger])], 'DUES_MEMBER_UNKNOWN', '党费登记', 'B3');
  });

  it('DUES_MEMBER_MISSING for a roster member in normal standing without a row; not for a suspended one', () => {
    const a = person({}, 1);
    const b = person({}, 2);
    expectFinding([rosterGrid([a, b]), registerGrid([a])], 'DUES_MEMBER_MISSING', '花名册', 'B3');
    const suspended = { ...b, standing: '停止党籍' };
    expect(check([rosterGrid([a, suspended]), registerGrid([a])]).findings.some((f) => f.code === 'DUES_MEMBER_MISSING')).toBe(false);
  });

  it('matches by name when the register has no usable ID', () => {
    const a = person({}, 1);
    const res = check([rosterGrid([a]), registerGrid([{ ...a, id: '' }])]);
    expect(res.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('DUES_NAME_MISMATCH when the ID matches but the name differs; fix is the roster name', () => {
    const f = expectFinding(two({}, { name: '别名' }), 'DUES_NAME_MISMATCH', '党费登记', 'B2');
    expect(f.fix).toBe('党员1');
  });

  it('DUES_CATEGORY_INVALID for an unknown 交费类别', () => {
    expectFinding(two({}, { category: '外星人' }), 'DUES_CATEGORY_INVALID', '党费登记', 'D2');
  });

  it('AMOUNT_INVALID for text, negative and three-decimal amounts', () => {
    const paid = [90, 'abc', -1, 90.123, 90, 90, 90, 90, 90];
    const res = check(two({}, { paid }));
    tested.add('AMOUNT_INVALID');
    expect(res.findings.filter((f) => f.code === 'AMOUNT_INVALID').map((f) => f.cell)).toEqual(['I2', 'J2', 'K2']);
    // An unreadable cell is reported once, not judged again as unpaid.
    expect(res.findings.filter((f) => f.code === 'UNPAID' || f.code === 'UNDERPAID')).toEqual([]);
    expectFinding(two({}, { base: '六千' }), 'AMOUNT_INVALID', '党费登记', 'E2');
  });

  it('RATE_WRONG with the standard rate as the fix, numeric or text like the cell', () => {
    const numeric = expectFinding(two({}, { rate: 0.01 }), 'RATE_WRONG', '党费登记', 'F2');
    expect(numeric.fix).toBe(0.015);
    expect(fixLabel(numeric)).toBe('1.5%'); // shown as a rate, written as the cell's kind
    expect(expectFinding(two({}, { rate: '1%' }), 'RATE_WRONG', '党费登记', 'F2').fix).toBe('1.5%');
    expect(check(two({}, { rate: '1.5%' })).findings.some((f) => f.code === 'RATE_WRONG')).toBe(false);
    // 1.5 in a General cell is a percent typed without its sign.
    const plain = two({}, { rate: 1.5 });
    plain[1]!.formats![1]![5] = 'General';
    expect(check(plain).findings.some((f) => f.code === 'RATE_WRONG')).toBe(false);
  });

  it('DUE_WRONG with the standard amount (5100 → 76.50, not the progressive 36.50)', () => {
    const f = expectFinding(two({}, { base: 5100, rate: 0.015, due: 36.5, paid: Array(9).fill(36.5) }), 'DUE_WRONG', '党费登记', 'G2');
    expect(f.fix).toBe(76.5);
    expect(fixLabel(f)).toBe('76.50');
    expect(f.message).toContain('76.50');
    const exact = expectFinding(two({}, { base: 1003, rate: 0.005, due: 5.01, paid: Array(9).fill(5.01) }), 'DUE_WRONG', '党费登记', 'G2');
    expect(exact.fix).toBe(5.02);
  });

  it('FLAT_WRONG for a flat category charged other than its amount', () => {
    const student = { category: '学生', base: null, rate: '定额', due: 0.5, paid: Array(9).fill(0.5) };
    expect(expectFinding(two({}, student), 'FLAT_WRONG', '党费登记', 'G2').fix).toBe(0.2);
    expect(check(two({}, { ...student, due: 0.2, paid: Array(9).fill(0.2) })).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('UNDERPAID for a month paid less than due', () => {
    const paid = [90, 90, 90, 90, 45, 90, 90, 90, 90];
    const f = expectFinding(two({}, { paid }), 'UNDERPAID', '党费登记', 'L2');
    expect(f.message).toContain('45.00');
  });

  it('UNPAID for an unpaid month not covered; not for a quarter paid in its last month or an advance', () => {
    expectFinding(two({}, { paid: [90, 90, 90, 90, 90, 90, 90, 90, null] }), 'UNPAID', '党费登记', 'P2');
    const quarterly = check(two({}, { paid: [0, 0, 270, 0, 0, 270, 0, 0, 270] }));
    expect(quarterly.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const advance = check(two({}, { paid: [540, null, null, null, null, null, 90, 90, 90] }));
    expect(advance.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // A quarter not yet over on the report date is not judged: Q3 may still be paid in September.
    const midQuarter = check(two({}, { paid: [90, 90, 90, 90, 90, 90, null, null, null] }), { asOf: '2026-08-31' });
    expect(midQuarter.findings.some((f) => f.code === 'UNPAID')).toBe(false);
  });

  it('ARREARS_6_MONTHS after six consecutive unpaid months, not after five', () => {
    expectFinding(two({}, { paid: [90, 90, 90, null, null, null, null, null, null] }), 'ARREARS_6_MONTHS', '党费登记', 'B2');
    const five = check(two({}, { paid: [90, 90, 90, 90, null, null, null, null, null] }));
    expect(five.findings.filter((f) => f.code === 'UNPAID')).toHaveLength(5);
    expect(five.findings.some((f) => f.code === 'ARREARS_6_MONTHS')).toBe(false);
  });

  it('OVERPAID (info) for a voluntary extra', () => {
    const f = expectFinding(two({}, { paid: [90, 90, 140, 90, 90, 90, 90, 90, 90] }), 'OVERPAID', '党费登记', 'J2');
    expect(f.severity).toBe('info');
    expect(f.message).toContain('50.00');
  });

  it('LARGE_VOLUNTARY for 1000 yuan or more above the due', () => {
    expectFinding(two({}, { paid: [90, 90, 90, 90, 90, 1090, 90, 90, 90] }), 'LARGE_VOLUNTARY', '党费登记', 'M2');
    const below = check(two({}, { paid: [90, 90, 90, 90, 90, 1089.99, 90, 90, 90] }));
    expect(below.findings.map((f) => f.code)).toContain('OVERPAID');
    expect(below.findings.map((f) => f.code)).not.toContain('LARGE_VOLUNTARY');
  });

  it('MONTHLY_CEILING for a due above 1000 yuan', () => {
    expectFinding(two({}, { base: 60000, rate: 0.02, due: 1200, paid: Array(9).fill(1200) }), 'MONTHLY_CEILING', '党费登记', 'G2');
    expect(check(two({}, { base: 50000, rate: 0.02, due: 1000, paid: Array(9).fill(1000) })).findings.some((f) => f.code === 'MONTHLY_CEILING')).toBe(false);
  });

  it('DUES_BEFORE_JOIN for a payment before the month of joining', () => {
    const p = { cls: '预备党员', join: serial('2026-03-15'), full: null };
    const f = expectFinding(two(p), 'DUES_BEFORE_JOIN', '党费登记', 'H2');
    expect(f.message).toContain('2026年1月、2026年2月');
    const fromJoin = check(two(p, { paid: [null, null, 90, 90, 90, 90, 90, 90, 90] }));
    expect(fromJoin.findings.filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it('BASE_CHANGED when one member has two bases in one year (per-quarter sheets)', () => {
    const a = person({}, 1);
    const header = ['姓名', '身份证号', '交费类别', '缴费基数', '比例', '月应交'];
    const q1: Grid = { name: '2026年一季度', values: [[...header, '1月', '2月', '3月'], [a.name, a.id, '在职', 6000, 0.015, 90, 90, 90, 90]] };
    const q2: Grid = { name: '2026年二季度', values: [[...header, '4月', '5月', '6月'], [a.name, a.id, '在职', 6600, 0.015, 99, 99, 99, 99]] };
    const f = expectFinding([rosterGrid([a]), q1, q2], 'BASE_CHANGED', '2026年二季度', 'D2');
    expect(f.severity).toBe('warning');
  });

  it('SUBTOTAL_WRONG on a row total and on a 合计 row', () => {
    const row = expectFinding(two({}, { total: 800 }), 'SUBTOTAL_WRONG', '党费登记', 'T2');
    expect(row.fix).toBe(810);
    expect(fixLabel(row)).toBe('810.00');
    const grids = workbook([person({}, 1), person({}, 2)], { totals: true });
    grids[1]!.values[3]![7] = 170; // 合计 of January should be 180
    const f = expectFinding(grids, 'SUBTOTAL_WRONG', '党费登记', 'H4');
    expect(f.fix).toBe(180);
    // The totals row is never a member.
    expect(check(grids).summary.members).toBe(2);
    expect(check(grids).findings.some((x) => x.code === 'DUES_MEMBER_UNKNOWN')).toBe(false);
  });

  it('SUSPENDED_CHARGED when dues are charged while 停止党籍', () => {
    const f = expectFinding(two({ standing: '停止党籍' }), 'SUSPENDED_CHARGED', '党费登记', 'G2');
    expect(f.severity).toBe('warning');
  });
});

describe('coverage of the code list', () => {
  it('every code in checks.md has a test above', () => {
    expect([...tested].sort()).toEqual([...FINDING_CODES].sort());
  });
});
