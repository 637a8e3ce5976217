/**
 * A branch workbook with no errors, built with exceljs: a roster (花名册) and a dues register
 * (党费登记) laid out like ../shared/fixtures/branch-sample-2026.xlsx, every member 在职 on a
 * 4,000-yuan base at 1% (dues-standard §3: 3,000–5,000 → 1%), paid January to `paidThrough`.
 */
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../shared/idcard';

const NAMES = ['王建华', '李秀兰', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴婷', '徐强', '孙丽'];
const MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];

function serial(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
}

export interface CleanMember {
  name: string;
  id: string;
  gender: '男' | '女';
  birth: string;
}

/** n members with valid, distinct IDs (births spread over 1970–1989, sequence numbers above). */
export function cleanMembers(n: number): CleanMember[] {
  return Array.from({ length: n }, (_, i) => {
    const birth = new Date(Date.UTC(1970, 0, 1) + (i % 7300) * 86_400_000).toISOString().slice(0, 10);
    const parity = i % 2;
    const seq = String(100 + Math.floor(i / 7300) * 2 + parity);
    const first17 = `110105${birth.replace(/-/g, '')}${seq}`;
    const gender = parity === 1 ? '男' : '女';
    return { name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? i : ''}`, id: first17 + checkCharacter(first17), gender, birth };
  });
}

export async function cleanWorkbook(opts: { members?: number; paidThrough?: number } = {}): Promise<Buffer> {
  const n = opts.members ?? 6;
  const paidThrough = opts.paidThrough ?? 9;
  const members = cleanMembers(n);
  const wb = new ExcelJS.Workbook();
  const roster = wb.addWorksheet('花名册');
  roster.addRow(['序号', '姓名', '性别', '民族', '出生年月', '身份证号', '党员身份', '入党时间', '转正时间', '党籍状态']);
  members.forEach((m, i) => {
    const row = roster.addRow([i + 1, m.name, m.gender, '汉族', serial(m.birth), m.id, '正式党员', serial('2010-07-01'), serial('2011-07-01'), '正常']);
    row.getCell(5).numFmt = 'yyyy-mm-dd';
    row.getCell(6).numFmt = '@';
    row.getCell(8).numFmt = 'yyyy-mm-dd';
    row.getCell(9).numFmt = 'yyyy-mm-dd';
  });
  const reg = wb.addWorksheet('党费登记');
  reg.addRow(['序号', '姓名', '身份证号', '人员类型', '缴费基数', '比例', '应交党费', ...MONTHS, '累计实交', '说明']);
  members.forEach((m, i) => {
    const paid = MONTHS.map((_, k) => (k < paidThrough ? 40 : null));
    reg.addRow([i + 1, m.name, m.id, '在职', 4000, 0.01, 40, ...paid, 40 * paidThrough, '']);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
