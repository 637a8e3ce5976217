/**
 * Who must confirm an approval (审批). 2008规定 第十二条 / dues-standard.md §4: a hardship
 * reduction or exemption (少交/免交) needs the branch and the 党委 above it for salaried members,
 * the branch alone for retirees. Which other categories go up to the 党委 is left to the 党委, so
 * it is a committee setting per dues category; 缓交 (a member abroad on private business pays on
 * return) and 补交 are the branch's own decision unless the 党委 says otherwise.
 */
import { z } from 'zod';
import type { Category } from '../api/contract';

export const APPROVAL_KINDS = ['少交', '免交', '缓交', '补交'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** The organisation whose decision makes an approval stand: the branch itself, or the 党委 above it. */
export const ApprovalLevelSchema = z.enum(['branch', 'committee']);
export type ApprovalLevel = z.infer<typeof ApprovalLevelSchema>;

const CATEGORY_KEYS = ['在职', '年薪制', '个体', '离退休', '农民', '学生', '下岗失业', '低保', '停止党籍'] as const;

/** Per dues category, the level 少交/免交 need; 缓交 and 补交 have one level each. */
export const ApprovalLevelsSchema = z.object({
  reduction: z.partialRecord(z.enum(CATEGORY_KEYS), ApprovalLevelSchema).default({}),
  deferral: ApprovalLevelSchema.default('branch'),
  backPayment: ApprovalLevelSchema.default('branch'),
});
export type ApprovalLevels = z.infer<typeof ApprovalLevelsSchema>;

/** 2008规定 第十二条: retirees' reductions are the branch's; everyone else's go to the 党委. */
const DEFAULT_REDUCTION: Record<Category, ApprovalLevel> = {
  在职: 'committee', 年薪制: 'committee', 个体: 'committee', 离退休: 'branch',
  农民: 'committee', 学生: 'committee', 下岗失业: 'committee', 低保: 'committee', 停止党籍: 'committee',
};

/** The level an approval of this kind for a member of this category needs. */
export function requiredLevel(kind: ApprovalKind, category: Category, levels: ApprovalLevels | undefined): ApprovalLevel {
  if (kind === '缓交') return levels?.deferral ?? 'branch';
  if (kind === '补交') return levels?.backPayment ?? 'branch';
  return levels?.reduction[category] ?? DEFAULT_REDUCTION[category];
}
