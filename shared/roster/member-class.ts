/** 人员类别 (正式党员 / 预备党员) and 党籍状态 as clerks write them (dues-standard §7). */
import type { CellValue } from '../grid';
import { compactText } from '../cell-text';

export type MemberClass = '正式党员' | '预备党员';
export type Standing = '正常' | '停止党籍';

// A Map, not an object: recognition asks it about every cell of a column (IDs, names…), and an
// object lookup keyed by arbitrary text also finds Object.prototype's 'constructor' or 'toString'.
const CLASS = new Map<string, MemberClass>(Object.entries({
  正式党员: '正式党员', 正式: '正式党员', 党员: '正式党员', 中共党员: '正式党员', 正式中共党员: '正式党员',
  预备党员: '预备党员', 预备: '预备党员', 中共预备党员: '预备党员', 预备期: '预备党员',
  中国共产党党员: '正式党员', 中国共产党正式党员: '正式党员', 中共正式党员: '正式党员', 中国共产党预备党员: '预备党员',
} satisfies Record<string, MemberClass>));

/** 入党积极分子 / 发展对象 (and 群众, 共青团员 on a 政治面貌 column): on a roster, but not members; no dues expected. */
const NON_MEMBER = /^(入党积极分子|积极分子|发展对象|入党申请人|申请入党|群众|共青团员|团员)$/;
export function isNonMemberWord(s: string): boolean {
  return NON_MEMBER.test(s);
}

/** 流动党员 is where a member is, not what class they are (a roster attribute). */
export function isMobileWord(s: string): boolean {
  return s === '流动党员' || s === '流动';
}

export function canonicalMemberClass(v: CellValue | undefined): MemberClass | null {
  if (typeof v !== 'string') return null;
  return CLASS.get(compactText(v)) ?? null;
}

/** Empty or any "normal" wording is 正常; 停止党籍 (or 停籍) suspends. Unknown text reads as normal. */
export function canonicalStanding(v: CellValue | undefined): Standing {
  if (typeof v !== 'string') return '正常';
  const s = compactText(v);
  return s.includes('停止党籍') || s === '停籍' || s === '停止' ? '停止党籍' : '正常';
}
