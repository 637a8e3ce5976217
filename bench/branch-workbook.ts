/**
 * The checker bench's generated branch (roster + 12-month register) as .xlsx bytes, shared by
 * the reader bench so both measure the same workbooks (10,000 members ≈ 1.3 MB, 100,000 ≈ 12.6 MB).
 * Kept identical to bench/checker.bench.ts's generate()/toXlsx() (seeded, deterministic).
 */
import ExcelJS from 'exceljs';
import type { CellValue, Grid } from '../shared/grid';
import { checkCharacter } from '../shared/idcard';
import { isoToExcelSerial } from '../shared/dates';
import { applyRate } from '../shared/money';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function branchGrids(n: number): Grid[] {
  const rand = rng(42);
  const roster: CellValue[][] = [['序号', '姓名', '性别', '民族', '出生日期', '公民身份号码', '人员类别', '入党日期', '转正日期', '党籍状态']];
  const rFormats: string[][] = [[]];
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  const register: CellValue[][] = [['序号', '姓名', '身份证号', '交费类别', '缴费基数', '比例', '月应交', ...months, '累计实交']];
  const gFormats: string[][] = [[]];
  const sums = new Array<number>(13).fill(0);
  const base0 = isoToExcelSerial('1960-01-01');
  for (let i = 0; i < n; i++) {
    const birthSerial = base0 + (i % 14000);
    const birth = new Date(Date.UTC(1899, 11, 30) + birthSerial * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const seq = String(Math.floor(i / 14000) * 2 + 1 + (rand() < 0.5 ? 0 : 1)).padStart(3, '0');
    const first17 = '110105' + birth + seq;
    let id = first17 + checkCharacter(first17);
    if (i % 997 === 5) id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const gender = Number(seq[2]) % 2 === 1 ? '男' : '女';
    const joinSerial = birthSerial + 365 * 25 + (i % 300);
    const name = `党员${i + 1}`;
    roster.push([i + 1, name, gender, '汉族', birthSerial, id, '正式党员', joinSerial, joinSerial + 400, '正常']);
    rFormats.push(['', '', '', '', 'yyyy-mm-dd', '@', '', 'yyyy-mm-dd', 'yyyy-mm-dd', '']);
    const kind = rand();
    let category: string;
    let baseYuan: number | null;
    let rate: CellValue;
    let dueFen: number;
    if (kind < 0.7) {
      category = '在职';
      baseYuan = Math.round((2000 + rand() * 12000) * 100) / 100;
      const bf = Math.round(baseYuan * 100);
      const [num, den] = bf <= 300000 ? [5, 1000] : bf <= 500000 ? [1, 100] : bf <= 1000000 ? [15, 1000] : [2, 100];
      rate = num / den;
      dueFen = applyRate(bf, num, den, 'fen');
    } else if (kind < 0.9) {
      category = '离退休';
      baseYuan = Math.round((1500 + rand() * 6000) * 100) / 100;
      const bf = Math.round(baseYuan * 100);
      const [num, den] = bf <= 500000 ? [5, 1000] : [1, 100];
      rate = num / den;
      dueFen = applyRate(bf, num, den, 'fen');
    } else {
      category = '学生';
      baseYuan = null;
      rate = '定额';
      dueFen = 20;
    }
    const paid: CellValue[] = [];
    let total = 0;
    const stopsAt = rand() < 0.03 ? 3 : 9;
    for (let m = 0; m < 12; m++) {
      const fen = m < stopsAt ? dueFen : 0;
      paid.push(m < stopsAt ? fen / 100 : null);
      total += fen;
      sums[m]! += fen;
    }
    sums[12]! += total;
    register.push([i + 1, name, id, category, baseYuan, rate, dueFen / 100, ...paid, total / 100]);
    gFormats.push(['', '', '@', '', '0.00', '0.0%', '0.00']);
  }
  register.push(['合计', null, null, null, null, null, null, ...sums.map((s) => s / 100)]);
  return [
    { name: '花名册', values: roster, formats: rFormats },
    { name: '党费登记', values: register, formats: gFormats },
  ];
}

export async function gridsToXlsx(grids: Grid[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.name);
    g.values.forEach((row, r) => {
      const xr = ws.getRow(r + 1);
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = xr.getCell(c + 1);
        cell.value = v;
        const f = g.formats?.[r]?.[c];
        if (f) cell.numFmt = f;
      });
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function branchWorkbook(n: number): Promise<Uint8Array> {
  return gridsToXlsx(branchGrids(n));
}
