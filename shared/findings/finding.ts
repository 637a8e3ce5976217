import type { FindingCode, Severity } from './codes';

/** A value a one-click fix would write into the finding's cell. */
export type FixValue = string | number | null;

/** One problem on one cell, as checks.md defines it. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 address on the sheet, e.g. "F7". */
  cell: string;
  /** 0-based sheet row and column of `cell`, for hosts that select or mark it. */
  row: number;
  col: number;
  /** The member the finding is about (姓名 on the finding's row, or of a member's own sheet); absent for sheet-level findings. */
  member?: string;
  /** Chinese message (zh-CN first). */
  message: string;
  /** English message. */
  messageEn: string;
  /** The value a one-click fix writes into `cell`; null when nothing can be fixed automatically. */
  fix: FixValue;
  /** How a person should read `fix` where it differs from the raw value (a date written as an Excel serial). */
  fixText?: string;
  /** The cell holds a formula: it is never overwritten, whatever the finding says. */
  formula?: true;
  /** On a formula cell: the input cell whose own fix corrects this one (G17 = ROUND(E17*F17,2) → F17). */
  fixVia?: { sheet: string; cell: string; row: number; col: number };
}
