/**
 * 交费类别: the canonical categories and the spellings found in real sheets (dues-standard §2).
 */
import type { CellValue } from '../grid';
import type { Category } from '../api/contract';
import { compactText } from '../cell-text';

export type { Category };

/** Canonical categories in the order the standard lists them. */
export const CATEGORIES: readonly Category[] = [
  '在职', '年薪制', '个体', '离退休', '农民', '学生', '下岗失业', '低保', '停止党籍',
];

/**
 * Spellings per category, checked in this order so that the more specific wins
 * ("困难职工" is 低保, "企业退休" is 离退休, "停止党籍" beats everything).
 */
export const CATEGORY_SPELLINGS: readonly (readonly [Category, readonly string[]])[] = [
  ['停止党籍', ['停止党籍', '停籍']],
  ['离退休', ['离退休', '离休', '退休']],
  ['年薪制', ['年薪制', '年薪']],
  ['个体', ['个体', '无固定月收入', '无固定收入', '自由职业', '灵活就业']],
  ['农民', ['农民', '务农']],
  ['学生', ['学生', '在校生', '研究生']],
  ['下岗失业', ['下岗失业', '下岗', '失业', '待业']],
  ['低保', ['低保', '救济', '抚恤', '困难']],
  ['在职', ['在职', '在岗', '机关', '事业', '企业', '公务员', '职工', '合同制']],
];

/** Decorations around the category word that carry no meaning: 在职党员, 退休人员, (农民). */
const NOISE = /党员|人员|干部|类别?|[()（）【】[\]、/]/g;

/** The category a 交费类别 cell names, or null when it names none. */
export function canonicalCategory(text: CellValue | undefined): Category | null {
  if (typeof text !== 'string') return null;
  const s = compactText(text).replace(NOISE, '');
  if (s === '') return null;
  for (const [category, spellings] of CATEGORY_SPELLINGS) {
    if (spellings.includes(s)) return category;
  }
  for (const [category, spellings] of CATEGORY_SPELLINGS) {
    if (spellings.some((sp) => s.includes(sp))) return category;
  }
  return null;
}

/** Categories whose due is a flat monthly amount (2008规定; dues-standard §2). */
export const FLAT_CATEGORIES: readonly Category[] = ['农民', '学生', '下岗失业', '低保'];

/** Which table a rate category uses: A for pay (第二、三、四条), B for pensions (第五条). */
export function tableKindOf(category: Category): 'salaried' | 'retired' | null {
  if (category === '在职' || category === '年薪制' || category === '个体') return 'salaried';
  if (category === '离退休') return 'retired';
  return null;
}
