/**
 * 民族: the 56 official names (GB/T 3304) and the short or outdated forms clerks type,
 * which can be fixed in one click (dues-standard §7: "汉" alone is a fixable typo).
 */
import type { CellValue } from './grid';
import { compactText } from './cell-text';

/** The 56 names in the GB/T 3304 order. */
export const ETHNIC_GROUPS: readonly string[] = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
];

const OFFICIAL = new Set(ETHNIC_GROUPS);

/**
 * Common short forms, old names and variant characters beyond "name without 族". A Map, not an
 * object: looked up by whatever a 民族 cell says, an object would also find Object.prototype's
 * 'constructor' or 'toString' (and offer a function as the fix), as member-class.ts's did.
 */
const VARIANTS = new Map<string, string>(Object.entries({
  维族: '维吾尔族', 蒙族: '蒙古族', 朝族: '朝鲜族', 哈萨族: '哈萨克族', 柯族: '柯尔克孜族',
  僮族: '壮族', 崩龙族: '德昂族', 佧佤族: '佤族', 畬族: '畲族', 布衣族: '布依族',
  漢族: '汉族', 汉民: '汉族', 汉人: '汉族', 回民: '回族', 满洲族: '满族',
}));

export type EthnicityCheck =
  | { kind: 'ok'; name: string }
  | { kind: 'fixable'; fix: string }
  | { kind: 'invalid' }
  | { kind: 'empty' };

/** The official name a text means, or null (汉 → 汉族, 维族 → 维吾尔族, " 汉族 " → 汉族). */
export function canonicalEthnicity(text: string): string | null {
  const s = compactText(text);
  if (OFFICIAL.has(s)) return s;
  if (OFFICIAL.has(s + '族')) return s + '族';
  return VARIANTS.get(s) ?? VARIANTS.get(s + '族') ?? null;
}

/** Check a 民族 cell: the exact official name, a fixable short form, or invalid. */
export function checkEthnicity(v: CellValue | undefined): EthnicityCheck {
  if (v === null || v === undefined || (typeof v === 'string' && compactText(v) === '')) return { kind: 'empty' };
  if (typeof v !== 'string') return { kind: 'invalid' };
  if (OFFICIAL.has(v)) return { kind: 'ok', name: v };
  const fix = canonicalEthnicity(v);
  return fix ? { kind: 'fixable', fix } : { kind: 'invalid' };
}
