// When a quarter may be submitted (issue 12): ended quarters always, a running one from the
// committee's day of its last month (default the 20th), and the submit tab starts on the last ended one.
import { describe, expect, it } from 'vitest';
import { defaultSubmitQuarter, isQuarterOpen, lastEndedQuarter, quarterOpensOn } from '../../../shared/submission/window';
import { parseSettings } from '../../../shared/settings';

describe('the submission window', () => {
  it('opens a running quarter on the 20th of its last month by default', () => {
    expect(quarterOpensOn('2026Q4')).toBe('2026-12-20');
    expect(isQuarterOpen('2026Q4', '2026-12-02')).toBe(false);
    expect(isQuarterOpen('2026Q4', '2026-12-19')).toBe(false);
    expect(isQuarterOpen('2026Q4', '2026-12-20')).toBe(true);
    expect(isQuarterOpen('2026Q4', '2026-11-25')).toBe(false);
  });

  it('follows the committee setting, and ended quarters are always open', () => {
    const s = parseSettings({ runningQuarterFromDay: 1 });
    expect(quarterOpensOn('2026Q4', s)).toBe('2026-12-01');
    expect(isQuarterOpen('2026Q4', '2026-12-02', s)).toBe(true);
    expect(isQuarterOpen('2026Q3', '2026-12-02')).toBe(true);
    expect(() => parseSettings({ runningQuarterFromDay: 31 })).toThrow();
  });

  it('defaults to the last ended quarter, on a quarter end day too', () => {
    expect(lastEndedQuarter('2026-12-02')).toBe('2026Q3');
    expect(lastEndedQuarter('2026-10-01')).toBe('2026Q3');
    expect(lastEndedQuarter('2026-12-31')).toBe('2026Q4');
    expect(lastEndedQuarter('2027-01-05')).toBe('2026Q4');
    expect(defaultSubmitQuarter('2026-12-25')).toBe('2026Q3');
  });
});
