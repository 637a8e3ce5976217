import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseId, checkCharacter, isProvinceCode, isValidId, maskId, normaliseIdText, upgrade15 } from '../../shared/idcard';

const TODAY = '2026-09-30';

describe('analyseId: dues-standard §6 vectors', () => {
  it('11010519491231002X is valid (female, born 1949-12-31)', () => {
    expect(analyseId('11010519491231002X', TODAY)).toEqual({
      kind: 'ok',
      input: '11010519491231002X',
      normalised: '11010519491231002X',
      changedByNormalising: false,
      expectedCheck: 'X',
      birthDate: '1949-12-31',
      gender: '女',
    });
  });
  it('110101198503151235 is valid (male)', () => {
    expect(analyseId('110101198503151235', TODAY)).toMatchObject({ kind: 'ok', birthDate: '1985-03-15', gender: '男' });
  });
  it('110101198503151234 has a bad check character and names the right one', () => {
    expect(analyseId('110101198503151234', TODAY)).toMatchObject({ kind: 'checksum', expectedCheck: '5', normalised: null });
  });
  it('510107197002290016 has a date that never existed', () => {
    expect(analyseId('510107197002290016', TODAY)).toMatchObject({ kind: 'birthdate', birthDate: null });
  });
});

describe('analyseId: failures', () => {
  it('a number cell is numeric: the digits are already lost', () => {
    expect(analyseId(110105194912310020, TODAY)).toMatchObject({ kind: 'numeric', normalised: null });
    expect(analyseId(1.10105e17, TODAY)).toMatchObject({ kind: 'numeric', input: '110105000000000000' });
  });
  it.each([['1101051949123100'], ['11010519491231002XX'], ['11010519491231002Y'], ['X10105194912310020'], ['abc'], ['110105-19491231-002X']])(
    '%j is format',
    (v) => {
      expect(analyseId(v, TODAY).kind).toBe('format');
    },
  );
  it('empty cells are empty, not format', () => {
    expect(analyseId(null, TODAY).kind).toBe('empty');
    expect(analyseId('  ', TODAY).kind).toBe('empty');
    expect(analyseId(undefined, TODAY).kind).toBe('empty');
  });
  it('a boolean is format', () => {
    expect(analyseId(true, TODAY).kind).toBe('format');
  });
  it('birth dates in the future or before 1900 are birthdate', () => {
    const future = '110101202701010011';
    expect(analyseId(future.slice(0, 17) + checkCharacter(future.slice(0, 17)), TODAY)).toMatchObject({ kind: 'birthdate', birthDate: '2027-01-01' });
    const old = '11010118991231001';
    expect(analyseId(old + checkCharacter(old), TODAY)).toMatchObject({ kind: 'birthdate', birthDate: '1899-12-31' });
    const born = '11010120260930001';
    expect(analyseId(born + checkCharacter(born), TODAY).kind).toBe('ok'); // born today is not future
    const month13 = '11010119851301001';
    expect(analyseId(month13 + checkCharacter(month13), TODAY).kind).toBe('birthdate');
  });
  it('province codes outside the list are region; 83 only with the setting', () => {
    const bad = '99010119850315123';
    expect(analyseId(bad + checkCharacter(bad), TODAY).kind).toBe('region');
    const tw = '83000019850315123';
    const id = tw + checkCharacter(tw);
    expect(analyseId(id, TODAY).kind).toBe('region');
    expect(analyseId(id, TODAY, { taiwanRegion83: true }).kind).toBe('ok');
    for (const code of [11, 15, 21, 23, 31, 37, 41, 46, 50, 54, 61, 65, 71, 81, 82]) expect(isProvinceCode(code), String(code)).toBe(true);
    for (const code of [0, 10, 16, 20, 24, 30, 38, 40, 47, 49, 55, 60, 66, 70, 72, 80, 83, 84, 91, 99]) expect(isProvinceCode(code), String(code)).toBe(false);
    expect(isProvinceCode(83, { taiwanRegion83: true })).toBe(true);
  });
});

describe('analyseId: normalising', () => {
  it.each([
    ['11010519491231002x'],
    [' 11010519491231002X '],
    ['110105 19491231 002X'],
    ['１１０１０５１９４９１２３１００２Ｘ'],
    ['１１０１０５１９４９１２３１００２ｘ'],
    ['110105\u300019491231002X'],
  ])('%j is ok once normalised, and says it changed', (v) => {
    expect(analyseId(v, TODAY)).toMatchObject({ kind: 'ok', normalised: '11010519491231002X', changedByNormalising: true });
  });
  it('normaliseIdText', () => {
    expect(normaliseIdText(' 1101 0519491231002x')).toBe('11010519491231002X');
  });
});

describe('15-digit numbers', () => {
  it('upgrade15 inserts 19 and the check character', () => {
    expect(upgrade15('110105491231002')).toBe('11010519491231002X');
    expect(() => upgrade15('11010549123100')).toThrow(RangeError);
  });
  it('a valid 15-digit number is legacy with the 18-character form', () => {
    expect(analyseId('110105491231002', TODAY)).toMatchObject({
      kind: 'legacy', normalised: '11010519491231002X', birthDate: '1949-12-31', gender: '女', changedByNormalising: false,
    });
  });
  it('a 15-digit number with a bad date or region is reported as such', () => {
    expect(analyseId('110105490229002', TODAY).kind).toBe('birthdate');
    expect(analyseId('990105491231002', TODAY).kind).toBe('region');
  });
});

describe('checkCharacter and maskId', () => {
  it('computes the GB 11643 check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('11010119850315123')).toBe('5');
    expect(() => checkCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => checkCharacter('1101051949123100A')).toThrow(RangeError);
  });
  it('masks birth date and sequence', () => {
    expect(maskId('11010519491231002X')).toBe('110105********002X');
    expect(maskId('110105491231002')).toBe('110105*****1002');
    expect(maskId('123')).toBe('***');
  });
});

// Valid IDs: a real province, a real past birth date, any sequence, the right check character.
const provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];
const validId = fc
  .record({
    province: fc.constantFrom(...provinces),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-09-30T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${province}${String(area).padStart(4, '0')}${ymd}${String(seq).padStart(3, '0')}`;
    return first17 + checkCharacter(first17);
  });

describe('properties (GB 11643-1999)', () => {
  it('generated IDs are valid', () => {
    fc.assert(fc.property(validId, (id) => isValidId(id, TODAY)));
  });

  it('every single-digit substitution of a valid ID is caught', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
        const chars = '0123456789X';
        const alphabet = pos === 17 ? chars : chars.slice(0, 10);
        const old = alphabet.indexOf(id[pos]!);
        const replacement = alphabet[(old + delta) % alphabet.length]!;
        if (replacement === id[pos]) return true; // delta wrapped to the same character
        const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
        return analyseId(changed, TODAY).kind !== 'ok';
      }),
      { numRuns: 2000 },
    );
  });

  it('gender follows the parity of the 17th digit', () => {
    fc.assert(fc.property(validId, (id) => analyseId(id, TODAY).gender === (Number(id[16]) % 2 ? '男' : '女')));
  });

  it('masking keeps the area and last four only', () => {
    fc.assert(fc.property(validId, (id) => maskId(id) === `${id.slice(0, 6)}********${id.slice(14)}`));
  });

  it('lower-case x and spaces normalise back to the same valid ID', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), (id, at) => {
        const messy = (id.slice(0, at) + ' ' + id.slice(at)).toLowerCase();
        const r = analyseId(messy, TODAY);
        return r.kind === 'ok' && r.normalised === id && r.changedByNormalising;
      }),
    );
  });
});

describe('properties of the old 15-digit form', () => {
  const legacy = fc
    .record({
      province: fc.constantFrom(...provinces),
      area: fc.integer({ min: 0, max: 9999 }),
      birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('1999-12-31T00:00:00Z'), noInvalidDate: true }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, area, birth, seq }) => `${province}${String(area).padStart(4, '0')}${birth.toISOString().slice(2, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`);

  it('upgrades to a valid 18-character ID with the same area, date and sequence', () => {
    fc.assert(
      fc.property(legacy, (id15) => {
        const id18 = upgrade15(id15);
        const a = analyseId(id15, TODAY);
        return (
          isValidId(id18, TODAY) && a.kind === 'legacy' && a.normalised === id18 &&
          id18.slice(0, 6) === id15.slice(0, 6) && id18.slice(8, 14) === id15.slice(6, 12) && id18.slice(14, 17) === id15.slice(12) &&
          analyseId(id18, TODAY).birthDate === a.birthDate && analyseId(id18, TODAY).gender === a.gender
        );
      }),
    );
  });
});

describe('analysis is total', () => {
  it('never throws and always names a kind, whatever the cell (property)', () => {
    const kinds = new Set(['ok', 'numeric', 'format', 'checksum', 'birthdate', 'region', 'legacy', 'empty']);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9xX ]{14,20}$/), fc.double(), fc.boolean(), fc.constant(null)), (v) => {
        const a = analyseId(v, TODAY);
        return kinds.has(a.kind) && (a.normalised === null || /^\d{17}[\dX]$/.test(a.normalised));
      }),
    );
  });
});
