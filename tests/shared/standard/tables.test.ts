import { describe, expect, it } from 'vitest';
import { bracketFor, BUILT_IN_TABLES, TABLE_1998, TABLE_2008_A, TABLE_2008_B, tableInForce, tablesFor } from '../../../shared/standard';
import { DEFAULT_SETTINGS, parseSettings } from '../../../shared/settings';

describe('rate tables (dues-standard §2)', () => {
  it('every built-in table rises, ends open-ended, and has rising rates', () => {
    for (const t of BUILT_IN_TABLES) {
      const last = t.brackets[t.brackets.length - 1]!;
      expect(last.upToFen, t.id).toBeNull();
      for (let i = 1; i < t.brackets.length; i++) {
        const a = t.brackets[i - 1]!;
        const b = t.brackets[i]!;
        expect(a.upToFen).not.toBeNull();
        if (b.upToFen !== null) expect(b.upToFen).toBeGreaterThan(a.upToFen!);
        expect(b.num * a.den).toBeGreaterThan(a.num * b.den);
      }
    }
  });

  it('bracketFor uses inclusive upper bounds', () => {
    expect(bracketFor(TABLE_2008_A, 300_000)).toEqual({ upToFen: 300_000, num: 5, den: 1000 });
    expect(bracketFor(TABLE_2008_A, 300_001)).toEqual({ upToFen: 500_000, num: 10, den: 1000 });
    expect(bracketFor(TABLE_2008_A, 0).num).toBe(5);
    expect(bracketFor(TABLE_2008_A, 1e12).num).toBe(20);
    expect(bracketFor(TABLE_2008_B, 500_000).num).toBe(5);
    expect(bracketFor(TABLE_2008_B, 500_001).num).toBe(10);
    expect(bracketFor(TABLE_1998, 150_001).num).toBe(30);
  });

  it('tableInForce switches on 2008-04 and not a month earlier', () => {
    expect(tableInForce('salaried', '2008-03', DEFAULT_SETTINGS)).toBe(TABLE_1998);
    expect(tableInForce('salaried', '2008-04', DEFAULT_SETTINGS)).toBe(TABLE_2008_A);
    expect(tableInForce('retired', '2008-03', DEFAULT_SETTINGS)).toBeNull();
    expect(tableInForce('retired', '2008-04', DEFAULT_SETTINGS)).toBe(TABLE_2008_B);
    expect(tableInForce('salaried', '1997-12', DEFAULT_SETTINGS)).toBeNull();
    expect(tableInForce('salaried', '1998-01', DEFAULT_SETTINGS)).toBe(TABLE_1998);
  });

  it('an override on the same month as a built-in table wins; a newer built-in does not undo a newer override', () => {
    const s = parseSettings({ tableOverrides: [{ from: '2008-04', table: 'salaried', brackets: [{ upToFen: null, num: 1, den: 100 }] }] });
    expect(tableInForce('salaried', '2008-04', s)?.id).toBe('override:2008-04:salaried');
    expect(tableInForce('salaried', '2030-01', s)?.id).toBe('override:2008-04:salaried');
    expect(tableInForce('salaried', '2008-03', s)).toBe(TABLE_1998);
  });

  it('of two overrides the later month wins from its month on', () => {
    const s = parseSettings({
      tableOverrides: [
        { from: '2030-01', table: 'retired', brackets: [{ upToFen: null, num: 2, den: 100 }] },
        { from: '2028-01', table: 'retired', brackets: [{ upToFen: null, num: 1, den: 100 }] },
      ],
    });
    expect(tableInForce('retired', '2027-12', s)).toBe(TABLE_2008_B);
    expect(tableInForce('retired', '2029-06', s)?.id).toBe('override:2028-01:retired');
    expect(tableInForce('retired', '2030-01', s)?.id).toBe('override:2030-01:retired');
  });

  it('before2008 "unchecked" drops the 1998 table only', () => {
    const s = parseSettings({ before2008: 'unchecked' });
    expect(tablesFor(s)).not.toContain(TABLE_1998);
    expect(tablesFor(s)).toContain(TABLE_2008_A);
    expect(tablesFor(DEFAULT_SETTINGS)).toContain(TABLE_1998);
  });

  it('builds the tables of one settings object once', () => {
    const s = parseSettings({ tableOverrides: [{ from: '2030-01', table: 'retired', brackets: [{ upToFen: null, num: 2, den: 100 }] }] });
    expect(tablesFor(s)).toBe(tablesFor(s));
    expect(tablesFor(s)).toBe(tablesFor({ ...s }));
    expect(tablesFor(s)).not.toBe(tablesFor(parseSettings(JSON.parse(JSON.stringify(s)))));
  });
  it('keeps no answer past a change of settings or month (the per-kind memo)', () => {
    const over = parseSettings({ tableOverrides: [{ from: '2020-01', table: 'salaried', brackets: [{ upToFen: null, num: 1, den: 100 }] }] });
    const early = parseSettings({ before2008: 'unchecked' });
    const asks: [string, typeof DEFAULT_SETTINGS][] = [
      ['2026-09', DEFAULT_SETTINGS], ['2026-09', over], ['2026-09', over], ['2026-09', DEFAULT_SETTINGS],
      ['2001-05', DEFAULT_SETTINGS], ['2001-05', early], ['2019-12', over], ['2020-01', over],
    ];
    const answers = asks.map(([m, s]) => tableInForce('salaried', m, s)?.id ?? null);
    expect(answers).toEqual([TABLE_2008_A.id, 'override:2020-01:salaried', 'override:2020-01:salaried', TABLE_2008_A.id,
      TABLE_1998.id, null, TABLE_2008_A.id, 'override:2020-01:salaried']);
  });
});
