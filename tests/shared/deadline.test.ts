import { describe, expect, it } from 'vitest';
import { arrearsReminderText, daysUntil, isDueSoon, quarterDeadline, reminderText } from '../../shared/deadline';
import { DEFAULT_SETTINGS, parseSettings } from '../../shared/settings';

describe('报送截止', () => {
  it('defaults to the 10th of the month after the quarter, across the year end', () => {
    expect(quarterDeadline('2026Q3', DEFAULT_SETTINGS)).toBe('2026-10-10');
    expect(quarterDeadline('2026Q4', DEFAULT_SETTINGS)).toBe('2027-01-10');
    expect(quarterDeadline('2026Q1', { ...DEFAULT_SETTINGS, deadlineDay: 25 })).toBe('2026-04-25');
  });

  it('a committee-set date for one quarter wins', () => {
    const s = parseSettings({ deadlines: { '2026Q3': '2026-10-20' } });
    expect(quarterDeadline('2026Q3', s)).toBe('2026-10-20');
    expect(quarterDeadline('2026Q2', s)).toBe('2026-07-10');
    expect(() => parseSettings({ deadlines: { '2026-Q3': '2026-10-20' } })).toThrow();
  });

  it('counts days and says when a reminder is due', () => {
    expect(daysUntil('2026-10-10', '2026-10-03')).toBe(7);
    expect(daysUntil('2026-10-10', '2026-10-12')).toBe(-2);
    expect(isDueSoon('2026Q3', DEFAULT_SETTINGS, '2026-10-03')).toBe(true);
    expect(isDueSoon('2026Q3', DEFAULT_SETTINGS, '2026-10-02')).toBe(false);
    expect(isDueSoon('2026Q3', DEFAULT_SETTINGS, '2026-11-30')).toBe(true);
    // Not before the quarter has ended, however near a custom deadline is.
    expect(isDueSoon('2026Q3', parseSettings({ deadlines: { '2026Q3': '2026-09-25' } }), '2026-09-20')).toBe(false);
  });

  it('words the 催报 and 催缴 texts people copy', () => {
    expect(reminderText('第一党支部', '集团党委', '2026Q3', DEFAULT_SETTINGS, '2026-10-05')).toBe('【催报】第一党支部：请于2026年10月10日前报送2026年第三季度党费收缴情况。如有困难请联系集团党委。');
    expect(reminderText('第一党支部', '集团党委', '2026Q3', DEFAULT_SETTINGS, '2026-10-11')).toContain('报送截止日期2026年10月10日已过，请尽快报送');
    const text = arrearsReminderText('第一党支部', '2026Q3', [
      { name: '甲', arrearsFen: 1500, unpaidStreak: 1 }, { name: '乙', arrearsFen: 0, unpaidStreak: 0 }, { name: '丙', arrearsFen: 9000, unpaidStreak: 6 },
    ]);
    expect(text.split('\n')).toEqual([
      '【催缴】第一党支部 2026年第三季度欠交党费名单（共 2 人）：',
      '1. 丙：欠交 90.00 元（已连续 6 个月未交，请支部核实）',
      '2. 甲：欠交 15.00 元（连续 1 个月未交）',
      '请按时交纳党费。',
    ]);
  });
});
