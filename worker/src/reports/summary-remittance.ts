/**
 * Below 汇总's 合计, for a year at the 党委: 应上缴 per level (the share, its quarters, its due
 * date), 留存, and 大额党费 (全额上缴中央, not in 实交) — RollupNode.remittance, unchanged.
 */
import type { RollupNode } from '../../../shared/api/contract';
import { percentText } from '../../../shared/accounts/rounding';
import { yuan } from './labels';
import type { RowSpec } from './spec';
import { ST } from './styles';

/** Labels the rows start with, so readers find them. */
export const REMITTANCE_LABELS = { due: '应上缴', kept: '留存（实交－应上缴）', large: '大额党费（全额上缴中央，不计入实交）', collected: '本年实交党费' } as const;

export function remittanceRows(root: RollupNode, width: number): RowSpec[] {
  const r = root.remittance;
  if (!r) return [];
  const blank = (n: number) => Array.from({ length: n }, () => ({ v: null, s: ST.text }));
  const line = (label: string, fen: number, note: string): RowSpec => ({
    cells: [{ v: label, s: ST.text }, { v: note, s: ST.text }, { v: null, s: ST.text }, ...blank(3), { v: yuan(fen), s: ST.money }, ...blank(width - 7)],
  });
  const out: RowSpec[] = [{ cells: [] }, { cells: [{ v: `上缴与留存（${r.year}年度）`, s: ST.groupText }, ...Array.from({ length: width - 1 }, () => ({ v: null, s: ST.groupBlank }))] }];
  out.push(line(REMITTANCE_LABELS.collected, r.collectedFen, '不含大额党费'));
  for (const l of r.levels) {
    const rates = l.segments.map((s) => `${s.quarters.length === 4 ? '全年' : `${s.quarters[0]}–${s.quarters[s.quarters.length - 1]}`} ${percentText(s.rateBp)}`).join('；');
    out.push(line(`${REMITTANCE_LABELS.due}：${l.level}`, l.dueFen, `${rates}，${l.dueBy}前`));
  }
  out.push(line(REMITTANCE_LABELS.kept, r.keptFen, ''));
  out.push(line(REMITTANCE_LABELS.large, r.largeFen, '另行上缴'));
  return out;
}
