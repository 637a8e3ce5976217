import { describe, expect, it } from 'vitest';
import { CommitteeSettingsSchema, DEFAULT_SETTINGS, parseSettings, TableOverrideSchema } from '../../shared/settings';

describe('committee settings', () => {
  it('defaults are the ones dues-standard.md names', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      rounding: 'fen',
      farmerFen: 20,
      allowFormalWithoutFullDate: false,
      taiwanRegion83: false,
      baseDeductions: '2017',
      before2008: '1998',
      tableOverrides: [],
      publicityDays: 7,
      publicityContact: '所在党支部或党委组织部门',
      deadlineDay: 10,
      runningQuarterFromDay: 20,
      deadlines: {},
      reportPaper: 'A4',
      defaultCategory: '在职',
      approvalLevels: { reduction: {}, deferral: 'branch', backPayment: 'branch' },
    });
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });
  it('the schema fills in exactly the zod-free defaults, with containers of its own', () => {
    const parsed = parseSettings({});
    expect(parsed).toEqual(DEFAULT_SETTINGS);
    // Each parse gets fresh arrays and records: a caller editing its copy cannot touch the defaults.
    expect(parsed.tableOverrides).not.toBe(DEFAULT_SETTINGS.tableOverrides);
    expect(parsed.deadlines).not.toBe(DEFAULT_SETTINGS.deadlines);
    expect(parsed.approvalLevels).not.toBe(DEFAULT_SETTINGS.approvalLevels);
    parsed.deadlines['2026Q3'] = '2026-10-15';
    parsed.approvalLevels.reduction.在职 = 'branch';
    expect(parseSettings({}).deadlines).toEqual({});
    expect(DEFAULT_SETTINGS.approvalLevels.reduction).toEqual({});
  });
  it('survive a JSON round trip unchanged', () => {
    const s = parseSettings({ rounding: 'jiao', farmerFen: 50, tableOverrides: [{ from: '2027-01', table: 'retired', brackets: [{ upToFen: null, num: 1, den: 100 }] }] });
    expect(parseSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
  it('partial input is filled with defaults; null/undefined mean all defaults', () => {
    expect(parseSettings({ rounding: 'yuan' })).toEqual({ ...DEFAULT_SETTINGS, rounding: 'yuan' });
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
  it.each([
    [{ rounding: 'cent' }],
    [{ farmerFen: 10 }],
    [{ farmerFen: 101 }],
    [{ farmerFen: 20.5 }],
    [{ taiwanRegion83: 'yes' }],
    [{ baseDeductions: '2020' }],
    [{ before2008: '2008' }],
    [{ tableOverrides: [{ from: '2027-13', table: 'salaried', brackets: [{ upToFen: null, num: 1, den: 100 }] }] }],
  ])('rejects %j', (input) => {
    expect(CommitteeSettingsSchema.safeParse(input).success).toBe(false);
  });
  it('an override table must rise and end open-ended', () => {
    const ok = { from: '2027-01', table: 'salaried', brackets: [{ upToFen: 100, num: 1, den: 100 }, { upToFen: null, num: 2, den: 100 }] };
    expect(TableOverrideSchema.safeParse(ok).success).toBe(true);
    expect(TableOverrideSchema.safeParse({ ...ok, brackets: [{ upToFen: 100, num: 1, den: 100 }] }).success).toBe(false);
    expect(TableOverrideSchema.safeParse({ ...ok, brackets: [{ upToFen: null, num: 1, den: 100 }, { upToFen: null, num: 2, den: 100 }] }).success).toBe(false);
    expect(
      TableOverrideSchema.safeParse({ ...ok, brackets: [{ upToFen: 200, num: 1, den: 100 }, { upToFen: 100, num: 1, den: 100 }, { upToFen: null, num: 2, den: 100 }] }).success,
    ).toBe(false);
    expect(TableOverrideSchema.safeParse({ ...ok, table: 'farmer' }).success).toBe(false);
    expect(TableOverrideSchema.safeParse({ ...ok, brackets: [{ upToFen: null, num: 1, den: 0 }] }).success).toBe(false);
  });
});
