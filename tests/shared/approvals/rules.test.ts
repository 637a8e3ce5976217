import { describe, expect, it } from 'vitest';
import { backPayReach, draftProblems, type ApprovalDraft } from '../../../shared/approvals/rules';
import { recordFindings } from '../../../shared/approvals/findings';
import { requiredLevel } from '../../../shared/approvals/levels';
import { parseSettings } from '../../../shared/settings';

const d = (o: Partial<ApprovalDraft>): ApprovalDraft => ({ kind: '免交', fromMonth: '2026-07', toMonth: '2026-09', amountFen: 0, approvedOn: '2026-07-05', ...o });

describe('approval drafts', () => {
  it('a well-formed draft of each kind has no problems', () => {
    expect(draftProblems(d({}))).toEqual([]);
    expect(draftProblems(d({ kind: '少交', amountFen: 500 }))).toEqual([]);
    expect(draftProblems(d({ kind: '缓交' }))).toEqual([]);
    expect(draftProblems(d({ kind: '补交', fromMonth: '2026-03', toMonth: '2026-05', amountFen: 9000, approvedOn: '2026-06-10' }))).toEqual([]);
  });
  it('says what is wrong', () => {
    expect(draftProblems(d({ fromMonth: '2026-09', toMonth: '2026-07' }))[0]).toMatch(/before fromMonth/);
    expect(draftProblems(d({ fromMonth: '2024-01', toMonth: '2026-12' }))[0]).toMatch(/at most 24 months/);
    expect(draftProblems(d({ amountFen: 100 }))[0]).toMatch(/免交.*amountFen 0/);
    expect(draftProblems(d({ kind: '少交', amountFen: 0 }))[0]).toMatch(/use 免交/);
    expect(draftProblems(d({ kind: '补交', amountFen: 0, fromMonth: '2026-01', toMonth: '2026-02' }))[0]).toMatch(/amount paid/);
    expect(draftProblems(d({ kind: '补交', amountFen: 100, toMonth: '2026-09', approvedOn: '2026-08-01' }))).toContainEqual(expect.stringMatching(/already past/));
  });
});

describe('补交 should not reach more than six months back (2008规定 第十二条)', () => {
  it('six months back is fine, seven warns with the reach', () => {
    expect(backPayReach(d({ kind: '补交', fromMonth: '2026-01', toMonth: '2026-03', amountFen: 1, approvedOn: '2026-07-01' }))).toBeNull();
    expect(backPayReach(d({ kind: '补交', fromMonth: '2025-12', toMonth: '2026-03', amountFen: 1, approvedOn: '2026-07-31' }))).toBe(7);
    expect(backPayReach(d({ kind: '免交', fromMonth: '2025-01', approvedOn: '2026-07-31' }))).toBeNull();
  });
  it('the record says so as a warning; a pending one says whose confirmation it awaits', () => {
    const f = recordFindings({ name: '李四', idMasked: '110105********0011' }, {
      ...d({ kind: '补交', fromMonth: '2025-12', toMonth: '2026-01', amountFen: 6000, approvedOn: '2026-07-31' }),
      id: 4, documentNo: '支委会〔2026〕5号', status: 'pending', level: 'committee',
    });
    expect(f.map((x) => [x.code, x.severity])).toEqual([['APPROVAL_PENDING', 'info'], ['BACKPAY_OVER_SIX_MONTHS', 'warning']]);
    expect(f[0]!.message).toContain('尚待党委确认');
    expect(f[1]!.message).toBe('李四 补交追溯 7 个月（2025年12月—2026年1月），超过六个月，请核实（2008规定第十二条）');
    expect(recordFindings({ name: '李四', idMasked: 'x' }, { ...d({}), id: 1, documentNo: 'n', status: 'rejected', level: 'branch' })).toEqual([]);
  });
});

describe('whose confirmation the rule needs', () => {
  it('defaults: salaried members’ 少交/免交 go to the 党委, retirees’ stay with the branch; 缓交/补交 the branch', () => {
    const s = parseSettings({});
    expect(requiredLevel('少交', '在职', s.approvalLevels)).toBe('committee');
    expect(requiredLevel('免交', '离退休', s.approvalLevels)).toBe('branch');
    expect(requiredLevel('缓交', '在职', s.approvalLevels)).toBe('branch');
    expect(requiredLevel('补交', '在职', s.approvalLevels)).toBe('branch');
  });
  it('a committee setting per category overrides the default', () => {
    const s = parseSettings({ approvalLevels: { reduction: { 离退休: 'committee', 学生: 'branch' }, deferral: 'committee' } });
    expect(requiredLevel('免交', '离退休', s.approvalLevels)).toBe('committee');
    expect(requiredLevel('少交', '学生', s.approvalLevels)).toBe('branch');
    expect(requiredLevel('少交', '在职', s.approvalLevels)).toBe('committee');
    expect(requiredLevel('缓交', '学生', s.approvalLevels)).toBe('committee');
    expect(() => parseSettings({ approvalLevels: { reduction: { 在职: 'nobody' } } })).toThrow();
  });
});
