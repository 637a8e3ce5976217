/** A member as the checker understands them, once the roster and the register are read. */
import type { Category } from '../standard/categories';
import type { IdKind } from '../idcard';
import type { MemberClass, Standing } from './member-class';

export interface MemberMonth {
  /** 'YYYY-MM' */
  month: string;
  /** The base the due was computed on; null for flat categories or when unknown. */
  baseFen: number | null;
  dueFen: number;
  /** Regular dues paid for the month (a 大额党费 part is in largeFen instead). */
  paidFen: number;
  /** The part of the month's payment that is 1000 yuan or more above the due (大额党费). */
  largeFen: number;
}

/**
 * A member's months from the register as parallel arrays (index i is one month, ascending):
 * a few arrays per member instead of an object per month keeps a 100,000-member check light.
 * Read-only: members without 大额党费 share one frozen largeFen, flat members one baseFen of
 * nulls (register/member-dues.ts). A member on one row of a wide register is kept in its
 * table's columns (register/dues-columns.ts), whose arrays are made each time they are read:
 * read each once. memberMonths() gives the same as objects.
 */
export interface MemberDues {
  /** 'YYYY-MM' */
  months: readonly string[];
  baseFen: readonly (number | null)[];
  dueFen: Readonly<ArrayLike<number>> & Iterable<number>;
  /** Regular dues paid (a 大额党费 part is in largeFen instead). */
  paidFen: Readonly<ArrayLike<number>> & Iterable<number>;
  largeFen: Readonly<ArrayLike<number>> & Iterable<number>;
}

export const NO_DUES: MemberDues = Object.freeze({ months: [], baseFen: [], dueFen: [], paidFen: [], largeFen: [] });

/** duesRows of a member until the register gives them rows (shared: replaced, never pushed to). */
export const NO_ROWS: MemberRecord['duesRows'] = Object.freeze([]) as unknown as MemberRecord['duesRows'];

/** The member's months as one object each. */
export function memberMonths(m: Pick<MemberRecord, 'dues'>): MemberMonth[] {
  const d = m.dues;
  // Each array once: a member kept in columns (register/dues-columns.ts) makes them when asked.
  const { baseFen, dueFen, paidFen, largeFen } = d;
  return d.months.map((month, i) => ({
    month, baseFen: baseFen[i] ?? null, dueFen: dueFen[i] ?? 0, paidFen: paidFen[i] ?? 0, largeFen: largeFen[i] ?? 0,
  }));
}

export interface MemberRecord {
  /** Roster sheet and 0-based sheet row of the member. */
  sheet: string;
  row: number;
  name: string;
  /** 18-character upper-case 公民身份号码 when one can be derived (valid, normalisable or 15-digit). */
  idNumber: string | null;
  idKind: IdKind;
  gender: '男' | '女' | null;
  ethnicity: string | null;
  birthDate: string | null;
  memberClass: MemberClass | null;
  joinDate: string | null;
  fullDate: string | null;
  standing: Standing;
  /** Dues category from the register (or the roster when it carries one). */
  category: Category | null;
  /** Months found in the register, in order (memberMonths() for one object per month). */
  dues: MemberDues;
  /** Consecutive unpaid months up to the report date (dues-standard §4). */
  unpaidStreak: number;
  /** Register rows of this member (sheet name, 0-based sheet row). */
  duesRows: { sheet: string; row: number }[];
}
