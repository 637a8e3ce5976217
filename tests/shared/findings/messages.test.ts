// Months in finding messages are rendered per language: the Chinese message says 2026年7月, the
// English one Jul 2026 — never a Chinese month label inside an English sentence (`--lang en`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWorkbook, type CheckResult } from '../../../shared/check';
import { messageFor } from '../../../shared/findings/messages';
import { readWorkbook } from '../../../shared/xlsx/read';

const fixtures = path.resolve(__dirname, '../../../../shared/fixtures');

describe('month wording in messages', () => {
  it('renders one month per language', () => {
    const t = messageFor('UNPAID', { month: '2026-07', expected: '88.61' });
    expect(t.zh).toBe('2026年7月 未交党费（应交 88.61 元）');
    expect(t.en).toBe('Jul 2026 not paid (88.61 due)');
  });

  it('renders a run of months as a range and a set of months as a list', () => {
    const run = messageFor('ARREARS_6_MONTHS', { count: 6, months: ['2026-04', '2026-09'] });
    expect(run.zh).toContain('（2026年4月—2026年9月）');
    expect(run.en).toContain('(Apr 2026 – Sep 2026)');
    const early = messageFor('DUES_BEFORE_JOIN', { value: '2026-05-12', months: ['2026-01', '2026-12'] });
    expect(early.zh).toBe('入党日期 2026-05-12 之前的月份记录了党费：2026年1月、2026年12月');
    expect(early.en).toBe('Dues recorded before joining on 2026-05-12: Jan 2026, Dec 2026');
  });

  it('words every month the same the first time and every time after (labels are remembered)', () => {
    // More labels than are remembered, each asked three times, with malformed ones between.
    for (let round = 0; round < 3; round++) {
      for (let y = 1900; y < 2130; y++) {
        for (let m = 1; m <= 12; m++) {
          const ym = `${y}-${String(m).padStart(2, '0')}`;
          const t = messageFor('UNPAID', { month: ym, expected: '1.00' });
          expect(t.zh.startsWith(`${y}年${m}月 `)).toBe(true);
          expect(t.en.startsWith(`${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y} `)).toBe(true);
        }
      }
      // Not a yyyy-mm label: quoted as it is, never taken for a remembered one.
      expect(messageFor('UNPAID', { month: '2026-7', expected: '1.00' }).zh.startsWith('2026-7 ')).toBe(true);
      expect(messageFor('UNPAID', { month: '2026-07 ', expected: '1.00' }).en.startsWith('2026-07  ')).toBe(true);
    }
  });

  it('marks a missing month instead of printing undefined', () => {
    expect(messageFor('OVERPAID', { amount: '1.00' }).en).toBe('(empty) paid 1.00 more than due (voluntary)');
  });

  describe('on the sample workbook', () => {
    let result: CheckResult;
    beforeAll(async () => {
      const grids = await readWorkbook(readFileSync(path.join(fixtures, 'branch-sample-2026.xlsx')));
      result = checkWorkbook(grids, { asOf: '2026-09-30' });
    });

    it('no English message carries a Chinese month label, and the Chinese ones keep theirs', () => {
      const monthly = result.findings.filter((f) => ['UNPAID', 'UNDERPAID', 'OVERPAID', 'LARGE_VOLUNTARY', 'ARREARS_6_MONTHS', 'DUES_BEFORE_JOIN', 'AMOUNT_INVALID'].includes(f.code));
      expect(monthly.length).toBeGreaterThan(5);
      for (const f of monthly) expect(f.messageEn, `${f.cell} ${f.code}`).not.toMatch(/\d{4}年\d{1,2}月/);
      expect(monthly.filter((f) => f.code !== 'AMOUNT_INVALID').every((f) => /\d{4}年\d{1,2}月/.test(f.message))).toBe(true);
      const before = monthly.find((f) => f.code === 'DUES_BEFORE_JOIN')!;
      expect(before.messageEn).toContain('Jan 2026, Feb 2026, Mar 2026, Apr 2026');
      expect(before.message).toContain('2026年1月、2026年2月、2026年3月、2026年4月');
    });
  });
});
