// The baseline contract (年初核定): what the schemas accept and refuse, the rules beside them
// (each member once, a right check character, a change within its year), and the receipt field.
import { describe, expect, it } from 'vitest';
import { BaselineChangeRequestSchema, BaselineFixRequestSchema, BaselineSchema } from '../../../shared/api/baseline';
import { SubmissionReceiptSchema } from '../../../shared/api/contract';
import { checkCharacter } from '../../../shared/idcard';
import { changeProblems, fixProblems } from '../../../shared/year/baseline-rules';

const first17 = '11010519800101001';
const ID = first17 + checkCharacter(first17);
const OTHER = '11010519800101002' + checkCharacter('11010519800101002');
const m = (o: Record<string, unknown> = {}) => ({ idNumber: ID, name: '张三', category: '在职', baseFen: 500000, dueFen: 5000, ...o });

describe('the fix request', () => {
  it('accepts members with integer 分 (a null base for flat categories)', () => {
    expect(BaselineFixRequestSchema.safeParse({ year: '2026', members: [m(), m({ idNumber: OTHER, category: '农民', baseFen: null, dueFen: 20 })] }).success).toBe(true);
  });
  it.each([
    ['a negative due', { dueFen: -1 }], ['a fraction of a 分', { baseFen: 1.5 }], ['a base as text', { baseFen: '5000' }],
    ['an unknown category', { category: '干部' }], ['a 15-digit ID', { idNumber: '110105800101001' }], ['a name holding an ID', { name: `张三${ID}` }],
    ['a name over lines', { name: '张\n三' }],
  ])('refuses %s', (_, o) => {
    expect(BaselineFixRequestSchema.safeParse({ year: '2026', members: [m(o)] }).success).toBe(false);
  });
  it('refuses an empty list and a year that is not four digits', () => {
    expect(BaselineFixRequestSchema.safeParse({ year: '2026', members: [] }).success).toBe(false);
    expect(BaselineFixRequestSchema.safeParse({ year: '26', members: [m()] }).success).toBe(false);
  });
  it('duplicate members and wrong check characters are problems, named by position, IDs masked', () => {
    const wrong = first17 + (checkCharacter(first17) === '0' ? '1' : '0');
    const p = fixProblems({ year: '2026', members: [m(), m({ idNumber: OTHER }), m(), m({ idNumber: wrong })] });
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^members\.2: 张三 is listed twice \(same ID number as members\.0\)/);
    expect(p[1]).toMatch(/^members\.3: .*wrong check character/);
    expect(p.join()).not.toContain(ID);
    expect(fixProblems({ year: '2026', members: [m(), m({ idNumber: OTHER })] })).toEqual([]);
  });
});

describe('the change request', () => {
  const c = (o: Record<string, unknown> = {}) => ({ idNumber: ID, fromMonth: '2026-07', baseFen: 700000, dueFen: 10500, reason: '7月起调资', ...o });
  it('needs a reason of one printable line', () => {
    expect(BaselineChangeRequestSchema.safeParse(c()).success).toBe(true);
    expect(BaselineChangeRequestSchema.safeParse(c({ reason: '  ' })).success).toBe(false);
    expect(BaselineChangeRequestSchema.safeParse(c({ reason: 'x'.repeat(501) })).success).toBe(false);
    expect(BaselineChangeRequestSchema.safeParse(c({ reason: '调资\u202e' })).success).toBe(false);
  });
  it('a month outside the year is a problem', () => {
    expect(changeProblems('2026', c())).toEqual([]);
    expect(changeProblems('2026', c({ fromMonth: '2027-01' }))[0]).toContain('not in 2026');
  });
});

describe('answers', () => {
  it('a baseline answer and a receipt carrying the baseline parse', () => {
    expect(BaselineSchema.parse({ branch: 'B', year: '2026', fixed: false, basesWithheld: false, members: [], totals: { members: 0, baseFen: 0, dueFen: 0 }, findings: [] }).fixed).toBe(false);
    const receipt = { branchCode: 'B', quarter: '2026Q2', revision: 1, status: 'submitted', etag: 'e', receivedAt: 'x', totals: { members: 1, dueFen: 1, paidFen: 1 },
      baseline: { year: '2026', fixedNow: true, members: 1, differs: 0, recorded: 0 } };
    expect(SubmissionReceiptSchema.parse(receipt).baseline?.fixedNow).toBe(true);
    // An older server's receipt without it still parses.
    const { baseline: _omit, ...older } = receipt;
    expect(SubmissionReceiptSchema.parse(older).baseline).toBeUndefined();
  });
});
