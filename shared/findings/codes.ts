/**
 * Finding codes and their severities, exactly as ../shared/spec/checks.md lists them.
 * The codes are an interface (add-in, command-line JSON, stored warnings): add freely,
 * never rename or reuse one.
 */
export type Severity = 'error' | 'warning' | 'info';

export const FINDING_SEVERITY = {
  // Workbook and sheet level
  SHEET_NOT_FOUND: 'error',
  COLUMN_MISSING: 'error',
  COLUMN_AMBIGUOUS: 'warning',
  // Roster
  REQUIRED_MISSING: 'error',
  ID_NUMERIC: 'error',
  ID_FORMAT: 'error',
  ID_CHECKSUM: 'error',
  ID_BIRTHDATE: 'error',
  ID_REGION: 'error',
  ID_LEGACY: 'warning',
  ID_NORMALISABLE: 'warning',
  GENDER_MISMATCH: 'error',
  BIRTHDATE_MISMATCH: 'error',
  DUPLICATE_MEMBER: 'error',
  MEMBER_CLASS_INVALID: 'error',
  ETHNICITY_INVALID: 'error',
  DATE_INVALID: 'error',
  DATE_FUTURE: 'warning',
  JOIN_UNDERAGE: 'error',
  FULL_DATE_PRESENT: 'error',
  FULL_DATE_MISSING: 'error',
  FULL_DATE_EARLY: 'error',
  PROBATION_OVERDUE: 'warning', // raised to error past two years (checks.md)
  // Dues register
  DUES_MEMBER_UNKNOWN: 'error',
  DUES_MEMBER_MISSING: 'error',
  DUES_NAME_MISMATCH: 'warning',
  DUES_CATEGORY_INVALID: 'error',
  AMOUNT_INVALID: 'error',
  RATE_WRONG: 'error',
  DUE_WRONG: 'error',
  FLAT_WRONG: 'error',
  UNDERPAID: 'warning',
  UNPAID: 'warning',
  ARREARS_6_MONTHS: 'warning',
  OVERPAID: 'info',
  LARGE_VOLUNTARY: 'warning',
  MONTHLY_CEILING: 'warning',
  DUES_BEFORE_JOIN: 'error',
  BASE_CHANGED: 'warning',
  SUBTOTAL_WRONG: 'error',
  SUSPENDED_CHARGED: 'warning',
} as const satisfies Record<string, Severity>;

/**
 * Codes added after checks.md was written (issue 10: layouts that cannot tell everything).
 * Kept apart so FINDING_CODES stays exactly the spec's list; every host accepts both
 * (ALL_FINDING_CODES). Add here, never rename.
 */
export const ADDED_FINDING_SEVERITY = {
  /** A check that could not run on this layout (no months, no IDs, …): said once, never skipped in silence. */
  CHECK_NOT_RUN: 'info',
  /** 入党积极分子 / 发展对象 on the roster: not members, no dues expected. */
  NOT_A_MEMBER: 'info',
  /** An annual summary: arrears judged from the year's totals, so which month went unpaid is a guess. */
  ARREARS_APPROXIMATE: 'info',
  /** No category anywhere for a member: the committee's default category was used. */
  CATEGORY_ASSUMED: 'info',
  /** The workbook names another branch than the one submitting it, and the clerk confirmed (issue 12). */
  BRANCH_MISMATCH: 'warning',
  // Issue 15: the member's year (年初核定, approvals, transfers), raised from the server's records.
  /** Months a confirmed approval (少交/免交/缓交/补交) covers: not arrears; names the approval. */
  APPROVAL_APPLIED: 'info',
  /** An approval entered by the branch, awaiting the confirmation its rule needs: the months still count. */
  APPROVAL_PENDING: 'info',
  /** A 补交 reaching more than six months back (2008规定 第十二条). */
  BACKPAY_OVER_SIX_MONTHS: 'warning',
  /** The base or monthly due differs from the year's 年初核定 without a recorded reason (2017通知); names both figures. */
  BASELINE_DIFFERS: 'warning',
  /** The base or monthly due differs from the 年初核定, with the reason the branch recorded. */
  BASELINE_CHANGE_RECORDED: 'info',
  /** Months a transfer-in's 党费交至年月 says were paid at the sending branch: not due at the receiving one. */
  TRANSFER_PAID_BEFORE: 'info',
} as const satisfies Record<string, Severity>;

const ALL_SEVERITY = { ...FINDING_SEVERITY, ...ADDED_FINDING_SEVERITY };

export type SpecFindingCode = keyof typeof FINDING_SEVERITY;
export type FindingCode = SpecFindingCode | keyof typeof ADDED_FINDING_SEVERITY;

/** The codes of checks.md, exactly. */
export const FINDING_CODES = Object.keys(FINDING_SEVERITY) as SpecFindingCode[];

/** Every code a finding may carry: checks.md's and those added since. */
export const ALL_FINDING_CODES = Object.keys(ALL_SEVERITY) as FindingCode[];

export function severityOf(code: FindingCode): Severity {
  return ALL_SEVERITY[code];
}

export function isFindingCode(s: string): s is FindingCode {
  return Object.prototype.hasOwnProperty.call(ALL_SEVERITY, s);
}
