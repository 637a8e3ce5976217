import { describe, expect, it } from 'vitest';
import { canonicalCategory, CATEGORIES, CATEGORY_SPELLINGS, tableKindOf } from '../../../shared/standard';
import { CategorySchema } from '../../../shared/api/contract';

describe('canonicalCategory (dues-standard §2 spellings)', () => {
  it.each([
    ['在职', ['在职', '在岗', '机关', '事业', '企业', '公务员', '职工', '合同制']],
    ['年薪制', ['年薪', '年薪制']],
    ['个体', ['个体', '自由职业', '灵活就业', '无固定月收入']],
    ['离退休', ['离休', '退休', '离退休']],
    ['农民', ['农民', '务农']],
    ['学生', ['学生', '在校生', '研究生']],
    ['下岗失业', ['下岗', '失业', '待业', '下岗失业']],
    ['低保', ['低保', '救济', '抚恤', '困难']],
    ['停止党籍', ['停止党籍']],
  ])('%s from every spelling', (category, spellings) => {
    for (const s of spellings) expect(canonicalCategory(s), s).toBe(category);
  });

  it.each([
    ['在职党员', '在职'],
    ['退休人员', '离退休'],
    [' 离退休干部 ', '离退休'],
    ['企业退休', '离退休'],
    ['困难职工', '低保'],
    ['（农民）', '农民'],
    ['下岗失业人员', '下岗失业'],
    ['机关事业单位', '在职'],
    ['在　职', '在职'],
    ['停止党籍（在职）', '停止党籍'],
  ])('reads the decorated %j as %s', (text, category) => {
    expect(canonicalCategory(text)).toBe(category);
  });

  it.each([[''], ['  '], ['其他'], ['预备党员'], [null], [12], [true]])('names no category in %j', (v) => {
    expect(canonicalCategory(v as never)).toBeNull();
  });

  it('covers exactly the contract categories', () => {
    expect([...CATEGORIES].sort()).toEqual([...CategorySchema.options].sort());
    expect(CATEGORY_SPELLINGS.map(([c]) => c).sort()).toEqual([...CategorySchema.options].sort());
  });

  it('maps rate categories to their tables', () => {
    expect(tableKindOf('在职')).toBe('salaried');
    expect(tableKindOf('年薪制')).toBe('salaried');
    expect(tableKindOf('个体')).toBe('salaried');
    expect(tableKindOf('离退休')).toBe('retired');
    expect(tableKindOf('农民')).toBeNull();
    expect(tableKindOf('停止党籍')).toBeNull();
  });
});
