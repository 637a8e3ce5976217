// Roll-up arithmetic: branch figures from member lines, sums of children, the collection rate,
// years from quarters — exact in integer 分 for any input (property tests).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  branchFigures, branchNodeFigures, collectionRateBp, memberArrearsFen, sumFigures, yearOfBranch, type MemberLine,
} from '../../../shared/rollup/figures';
import { buildRollupTree, type OrgRef } from '../../../shared/rollup/tree';

const fen = fc.integer({ min: 0, max: 5_000_000 });
const line: fc.Arbitrary<MemberLine> = fc.record({
  memberClass: fc.constantFrom('正式党员' as const, '预备党员' as const),
  category: fc.constantFrom('在职', '离退休', '农民', '学生'),
  months: fc.array(fc.record({ dueFen: fen, paidFen: fen }), { minLength: 1, maxLength: 3 }),
  unpaidStreak: fc.integer({ min: 0, max: 24 }),
});

describe('branchFigures', () => {
  it('adds up members exactly', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), (ms) => {
      const f = branchFigures(ms);
      const due = ms.flatMap((m) => m.months).reduce((a, x) => a + x.dueFen, 0);
      const paid = ms.flatMap((m) => m.months).reduce((a, x) => a + x.paidFen, 0);
      expect(f.dueFen).toBe(due);
      expect(f.paidFen).toBe(paid);
      expect(f.formal + f.probationary).toBe(ms.length);
      expect(Object.values(f.byCategory).reduce((a, b) => a + b, 0)).toBe(ms.length);
      expect(f.arrearsFen).toBe(ms.reduce((a, m) => a + memberArrearsFen(m.months), 0));
      expect(f.arrearsFen).toBeGreaterThanOrEqual(Math.max(0, due - paid));
      expect(f.sixMonth).toBe(ms.filter((m) => m.unpaidStreak >= 6).length);
    }));
  });

  it('judges arrears on the period: a quarter paid at once is not arrears (2008规定 第十二条)', () => {
    expect(memberArrearsFen([{ dueFen: 1500, paidFen: 0 }, { dueFen: 1500, paidFen: 0 }, { dueFen: 1500, paidFen: 4500 }])).toBe(0);
    expect(memberArrearsFen([{ dueFen: 1500, paidFen: 1000 }])).toBe(500);
    expect(memberArrearsFen([{ dueFen: 1500, paidFen: 3000 }])).toBe(0);
  });
});

describe('collectionRateBp', () => {
  it('is half-up in integers, null when nothing is due', () => {
    expect(collectionRateBp(0, 0)).toBeNull();
    expect(collectionRateBp(1, 3)).toBe(3333);
    expect(collectionRateBp(2, 3)).toBe(6667);
    expect(collectionRateBp(1, 20000)).toBe(1); // 0.5 bp rounds up
    expect(collectionRateBp(150, 100)).toBe(15000);
  });
});

describe('sumFigures and the tree', () => {
  it('every node equals the sum of its children, and grouping does not matter', () => {
    fc.assert(fc.property(fc.array(fc.array(line, { maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 11 }), (branches, cut) => {
      const nodes = branches.map((ms, i) => branchNodeFigures({ figures: i % 5 === 4 ? null : branchFigures(ms), submitted: i % 5 !== 4, confirmed: i % 3 === 0 && i % 5 !== 4 }));
      const all = sumFigures(nodes);
      const k = Math.min(cut, nodes.length);
      const grouped = sumFigures([sumFigures(nodes.slice(0, k)), sumFigures(nodes.slice(k))]);
      expect(grouped).toEqual(all);
      expect(all.branches.total).toBe(nodes.length);
      expect(all.branches.submitted + all.branches.missing).toBe(nodes.length);
      expect(all.collectionRateBp).toBe(collectionRateBp(all.paidFen, all.dueFen));
    }));
  });

  it('buildRollupTree sums upwards and marks status, revision and locks', () => {
    const tree: OrgRef = { code: 'R', name: 'r', kind: '党委', children: [
      { code: 'A', name: 'a', kind: '党总支', children: [{ code: 'A1', name: 'a1', kind: '党支部', children: [] }, { code: 'A2', name: 'a2', kind: '党支部', children: [] }] },
      { code: 'B1', name: 'b1', kind: '党支部', children: [] },
    ] };
    const f = branchFigures([{ memberClass: '正式党员', category: '在职', months: [{ dueFen: 100, paidFen: 40 }], unpaidStreak: 0 }]);
    const node = buildRollupTree(tree, '2026Q3', (c) => (c === 'A1' ? { figures: f, submitted: true, confirmed: true, status: 'confirmed', revision: 2 } : undefined), (c) => c === 'A');
    expect(node.figures.dueFen).toBe(100);
    expect(node.figures.arrearsFen).toBe(60);
    expect(node.figures.branches).toEqual({ total: 3, submitted: 1, confirmed: 1, missing: 2 });
    expect(node.children[0]!.locked).toBe(true);
    expect(node.children[0]!.children[0]).toMatchObject({ status: 'confirmed', revision: 2 });
    expect(node.children[1]).toMatchObject({ status: null, revision: null, figures: { dueFen: 0 } });
  });
});

describe('yearOfBranch', () => {
  it('adds amounts, keeps the latest head count, needs four quarters to count as submitted', () => {
    const q = (due: number, formal: number) => ({ figures: { ...branchFigures([]), dueFen: due, paidFen: due - 1, arrearsFen: 1, formal }, status: 'confirmed' as const });
    const y = yearOfBranch([q(100, 5), null, q(200, 6), q(300, 7)]);
    expect(y.figures).toMatchObject({ dueFen: 600, paidFen: 597, arrearsFen: 3, formal: 7 });
    expect(y.submitted).toBe(false);
    const full = yearOfBranch([q(1, 1), q(1, 1), q(1, 1), { ...q(1, 1), status: 'submitted' }]);
    expect(full).toMatchObject({ submitted: true, confirmed: false });
    expect(yearOfBranch([null, null, null, null])).toEqual({ figures: null, submitted: false, confirmed: false });
  });

  it('counts each person in arrears in any quarter once, so arrears above zero never come with nobody in arrears', () => {
    const q = (arrearsFen: number, inArrears: number, keys: string[]) => ({
      figures: { ...branchFigures([]), dueFen: 1000, paidFen: 1000 - arrearsFen, arrearsFen, inArrears, formal: 3 }, status: 'submitted' as const, arrearsKeys: keys,
    });
    // Person a owes in Q1 only, b in Q1 and Q3, c in Q3; Q4 is clean.
    const y = yearOfBranch([q(300, 2, ['a', 'b']), q(0, 0, []), q(200, 2, ['b', 'c']), q(0, 0, [])]);
    expect(y.figures).toMatchObject({ arrearsFen: 500, inArrears: 3, formal: 3 });
    expect(yearOfBranch([q(300, 1, ['a']), q(0, 0, [])]).figures).toMatchObject({ arrearsFen: 300, inArrears: 1 });
    // Without keys (rows written before they were kept): the latest quarter's count.
    expect(yearOfBranch([q(300, 1, ['a']), { ...q(0, 0, []), arrearsKeys: null }]).figures).toMatchObject({ inArrears: 0 });
  });
});
