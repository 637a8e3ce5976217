// Small grids for checker tests: a roster and an annual register in the sample's layout, built
// from a few member descriptions, so each test changes one cell and looks for one finding.
import type { CellValue, Grid } from '../../../shared/grid';
import { checkCharacter } from '../../../shared/idcard';
import { isoToExcelSerial } from '../../../shared/dates';
import fc from 'fast-check';

/** Valid 18-character IDs: one of `areas`, a birth date between `from` and `to`, any sequence. */
export function idArbitrary(areas: string[], from: string, to: string): fc.Arbitrary<string> {
  return fc.tuple(
    fc.constantFrom(...areas),
    fc.date({ min: new Date(from), max: new Date(to), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  ).map(([area, d, seq]) => {
    const first17 = area + d.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
    return first17 + checkCharacter(first17);
  });
}

/** A valid 18-character ID for a birth date (YYYYMMDD) and a 3-digit sequence. */
export function makeId(birth: string, seq = '123', area = '110105'): string {
  const first17 = area + birth + seq;
  return first17 + checkCharacter(first17);
}

export interface Person {
  name: string;
  id: CellValue;
  gender: CellValue;
  ethnicity: CellValue;
  birth: CellValue;
  cls: CellValue;
  join: CellValue;
  full: CellValue;
  standing: CellValue;
  // register
  category: CellValue;
  base: CellValue;
  rate: CellValue;
  due: CellValue;
  /** Paid per month Jan..Dec (null = empty). */
  paid: CellValue[];
  total?: CellValue;
}

export const ROSTER_HEADER = ['序号', '姓名', '性别', '民族', '出生日期', '公民身份号码', '人员类别', '入党日期', '转正日期', '党籍状态'];
export const REGISTER_HEADER = ['序号', '姓名', '身份证号', '交费类别', '缴费基数', '比例', '月应交', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月', '累计实交'];

const serial = (iso: string) => isoToExcelSerial(iso);

/** A member who passes every check as of 2026-09-30: salaried, 6000 base, 90.00 a month paid Jan–Sep. */
export function person(over: Partial<Person> = {}, n = 1): Person {
  const birth = '19800610';
  const seq = String(100 + n * 2 + 1).padStart(3, '0'); // odd: 男
  return {
    name: `党员${n}`,
    id: makeId(birth, seq),
    gender: '男',
    ethnicity: '汉族',
    birth: serial('1980-06-10'),
    cls: '正式党员',
    join: serial('2005-07-01'),
    full: serial('2006-07-01'),
    standing: '正常',
    category: '在职',
    base: 6000,
    rate: 0.015,
    due: 90,
    paid: [90, 90, 90, 90, 90, 90, 90, 90, 90, null, null, null],
    ...over,
  };
}

const DATE_FMT = 'yyyy-mm-dd';

export function rosterGrid(people: Person[], name = '花名册'): Grid {
  const values: CellValue[][] = [ROSTER_HEADER.slice()];
  const formats: string[][] = [[]];
  people.forEach((p, i) => {
    values.push([i + 1, p.name, p.gender, p.ethnicity, p.birth, p.id, p.cls, p.join, p.full, p.standing]);
    formats.push(['', '', '', '', DATE_FMT, '@', '', DATE_FMT, DATE_FMT, '']);
  });
  return { name, values, formats };
}

export function registerGrid(people: Person[], opts: { name?: string; totals?: boolean } = {}): Grid {
  const values: CellValue[][] = [REGISTER_HEADER.slice()];
  const formats: string[][] = [[]];
  const sums = new Array<number>(12).fill(0);
  let grand = 0;
  people.forEach((p, i) => {
    const paid = p.paid.slice(0, 12);
    while (paid.length < 12) paid.push(null);
    const total = p.total !== undefined ? p.total
      : Math.round(paid.reduce<number>((s, v) => s + (typeof v === 'number' ? Math.round(v * 100) : 0), 0)) / 100;
    paid.forEach((v, m) => { if (typeof v === 'number') sums[m] = (sums[m] ?? 0) + Math.round(v * 100); });
    grand += typeof total === 'number' ? Math.round(total * 100) : 0;
    values.push([i + 1, p.name, typeof p.id === 'string' ? p.id : p.id, p.category, p.base, p.rate, p.due, ...paid, total]);
    formats.push(['', '', '@', '', '0.00', '0.0%', '0.00']);
  });
  if (opts.totals) values.push(['合计', null, null, null, null, null, null, ...sums.map((s) => s / 100), grand / 100]);
  return { name: opts.name ?? '党费登记', values, formats };
}

/** Both sheets for the same people. */
export function workbook(people: Person[], opts: { totals?: boolean } = {}): Grid[] {
  return [rosterGrid(people), registerGrid(people, opts)];
}
