// The status words of the consolidated workbook's sheets: a quarter counts branches that sent it,
// a year only branches with all four quarters in (issue 13: no 未报送 beside a year's figures).
import { describe, expect, it } from 'vitest';
import type { RollupNode } from '../../../shared/api/contract';
import { submissionLabel } from '../../../worker/src/reports/labels';

function node(kind: RollupNode['org']['kind'], period: string, patch: Partial<RollupNode> = {}, submitted = 0, total = 1, dueFen = 0): RollupNode {
  return {
    org: { code: 'X', name: 'X', kind },
    period,
    figures: {
      members: { formal: dueFen ? 3 : 0, probationary: 0 }, byCategory: {}, dueFen, paidFen: 0, arrearsFen: dueFen,
      membersInArrears: 0, membersSixMonthArrears: 0, collectionRateBp: null,
      branches: { total, submitted, confirmed: 0, missing: total - submitted },
    },
    status: null, revision: null, locked: false, children: [],
    ...patch,
  };
}

describe('submissionLabel', () => {
  it('a 总支 in a quarter counts branches that submitted; in a year those with all four quarters', () => {
    expect(submissionLabel(node('党总支', '2026Q3', {}, 2, 5))).toBe('已报送 2/5');
    expect(submissionLabel(node('党总支', '2026', {}, 1, 5))).toBe('已报齐 1/5');
  });

  it('a branch in a year is 已报齐, 未报齐（n/4个季度） where figures exist, 未报送 only without any', () => {
    expect(submissionLabel(node('党支部', '2026', { quartersSubmitted: 4 }, 1))).toBe('已报齐');
    expect(submissionLabel(node('党支部', '2026', { quartersSubmitted: 2 }, 0, 1, 36000))).toBe('未报齐（2/4个季度）');
    expect(submissionLabel(node('党支部', '2026', { quartersSubmitted: 0 }))).toBe('未报送');
  });

  it('a returned revision says which revision counts instead', () => {
    expect(submissionLabel(node('党支部', '2026Q3', { status: 'returned', revision: 2, countedRevision: 1 }, 1, 1, 72000))).toBe('按第1版计（第2版已退回）');
    expect(submissionLabel(node('党支部', '2026Q3', { status: 'returned', revision: 1, countedRevision: null }))).toBe('已退回');
  });
});
