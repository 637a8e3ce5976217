// The pane's check session prepares a submission the way the command line does
// (shared/submission/prepare.ts): as of the quarter's report date, whatever date the check tab shows.
import { describe, expect, it } from 'vitest';
import { CheckSession } from '../../../addin/src/check/engine';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { prepareSubmission } from '../../../shared/submission/prepare';
import { maskId } from '../../../shared/idcard';
import { person, workbook } from '../../shared/checker/grids';
import { fixtureGrids } from '../helpers';

const grids = () => workbook([person({}, 1), person({ paid: [90, 90, 90, 90, 90, 90, 90, null, null, null, null, null] }, 2)]);

describe('CheckSession.submission', () => {
  it('sends what the command line sends for the same workbook and day', () => {
    const session = new CheckSession();
    // The check tab shows a later date; the submission still stands at the quarter's end.
    session.check({ grids: grids(), asOf: '2026-12-01', today: '2026-12-01' });
    const pane = session.submission('2026Q3');
    const cli = prepareSubmission({ grids: grids(), settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: '2026-12-01' }).submission;
    expect(pane.reportDate).toBe('2026-09-30');
    expect(pane).toEqual(cli);
  });

  it('stands at the check date when the pane gives no other today, and while the quarter runs', () => {
    const session = new CheckSession();
    session.check({ grids: grids(), asOf: '2026-08-20' });
    expect(session.submission('2026Q3').reportDate).toBe('2026-08-20');
    expect(session.submission('2026Q2').reportDate).toBe('2026-06-30');
  });
});

describe('CheckSession with the branch’s records (signed in as its clerk)', () => {
  const p2 = person({ paid: [90, 90, 90, 90, 90, 90, 90, null, null, null, null, null] }, 2);
  const records = {
    transfers: [],
    approvals: [{
      id: 5, branch: 'ZB1', member: { name: p2.name, idMasked: maskId(String(p2.id)) }, category: '在职' as const, kind: '免交' as const,
      fromMonth: '2026-08', toMonth: '2026-09', amountFen: 0, documentNo: '区委党〔2026〕5号', approvingOrgs: ['党委'], approvedOn: '2026-07-30',
      note: null, level: 'committee' as const, status: 'confirmed' as const, enteredAt: '', decidedAt: '', decidedBy: 'JT', decisionNote: null, findings: [],
    }],
  };
  it('shows the findings after the records, and still submits the workbook’s own figures (the server applies the records)', () => {
    const plain = new CheckSession().check({ grids: grids(), asOf: '2026-09-30' });
    const session = new CheckSession();
    const shown = session.check({ grids: grids(), asOf: '2026-09-30', records });
    expect(plain.findings.filter((f) => f.code === 'UNPAID')).toHaveLength(2);
    expect(shown.findings.filter((f) => f.code === 'UNPAID')).toHaveLength(0);
    expect(shown.findings.find((f) => f.code === 'APPROVAL_APPLIED')?.message).toContain('区委党〔2026〕5号');
    const cli = prepareSubmission({ grids: grids(), settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: '2026-09-30' }).submission;
    expect(session.submission('2026Q3')).toEqual(cli);
  });
});

describe('CheckSession keeps a read workbook and plans fixes where it is (browser mode, issue 14)', () => {
  it('plans on the grids last checked, with that check’s options, and hands back neither grids nor member records', async () => {
    const { planFixes, describeDelta } = await import('../../../shared/fix/plan');
    const session = new CheckSession();
    await expect(session.plan([], 'zh')).rejects.toThrow(/nothing checked/);
    const ref = session.keep(await fixtureGrids());
    const shown = session.check({ grids: session.kept(ref), asOf: '2026-09-30' });
    const fixable = shown.findings.filter((f) => f.fix !== null);
    expect(fixable.length).toBeGreaterThan(0);
    const { plan, lines } = await session.plan(fixable, 'zh');
    const here = planFixes(await fixtureGrids(), fixable, { asOf: '2026-09-30' }, shown);
    expect(plan.changes).toEqual(here.changes);
    expect(plan.delta).toEqual(here.delta);
    expect(lines).toEqual(describeDelta(here.delta, 'zh'));
    expect(plan.grids).toEqual([]);
    expect([plan.before.members, plan.after.members]).toEqual([[], []]);
    expect(plan.after.findings).toEqual(here.after.findings);
  });

  it('a fix replaces the grids under the same ref; another ref is refused', () => {
    const session = new CheckSession();
    const ref = session.keep(grids());
    const fixed = grids();
    session.replace(ref, fixed);
    expect(session.kept(ref)).toBe(fixed);
    expect(() => session.replace(ref + 1, grids())).toThrow(/no longer here/);
    expect(() => session.kept(ref + 1)).toThrow(/no longer here/);
  });
});
