/**
 * What a 党委 decides for itself, where the regulations leave a choice (dues-standard §1–§7).
 * One JSON-serialisable object: the worker stores and serves it, the checker reads it.
 */
import { z } from 'zod';
import { CATEGORIES } from './standard/categories';
import { ApprovalLevelsSchema } from './approvals/levels';
import { DEFAULT_SETTINGS, DEFAULT_VALUES as D } from './settings-defaults';

export { DEFAULT_SETTINGS };

const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-07');

/** One bracket: bases up to `upToFen` inclusive (null: no upper bound) pay num/den of the base. */
export const BracketSchema = z.object({
  upToFen: z.number().int().min(0).nullable(),
  num: z.number().int().min(0),
  den: z.number().int().min(1),
});
export type Bracket = z.infer<typeof BracketSchema>;

/**
 * A dated override of a rate table, effective from `from` onward. History is never edited:
 * months before `from` keep the table in force then (dues-standard §2, last paragraph).
 */
export const TableOverrideSchema = z
  .object({
    from: MonthText,
    table: z.enum(['salaried', 'retired']),
    brackets: z.array(BracketSchema).min(1).max(20),
    note: z.string().max(500).default(''),
  })
  .refine(
    (o) =>
      o.brackets.every((b, i) => (i === o.brackets.length - 1 ? b.upToFen === null : b.upToFen !== null)) &&
      o.brackets.every((b, i) => i === 0 || (b.upToFen ?? Infinity) > (o.brackets[i - 1]!.upToFen ?? Infinity)),
    { message: 'brackets must rise, and only the last may be open-ended (upToFen null)' },
  );
export type TableOverride = z.infer<typeof TableOverrideSchema>;

export const CommitteeSettingsSchema = z.object({
  /** Rounding of computed dues, always half-up; no regulation fixes it (§1). */
  rounding: z.enum(['fen', 'jiao', 'yuan']).default(D.rounding),
  /** Monthly flat amount for 农民 党员: 0.20–1.00 yuan (2008规定; dues-standard §2), the 党委 decides. */
  farmerFen: z.number().int().min(20).max(100).default(D.farmerFen),
  /** Accept a 正式党员 without 转正日期 (old records where the date was never kept). */
  allowFormalWithoutFullDate: z.boolean().default(D.allowFormalWithoutFullDate),
  /** Accept province code 83 in 公民身份号码 (Taiwan residents' residence permits, §6). */
  taiwanRegion83: z.boolean().default(D.taiwanRegion83),
  /** What a recomputed base deducts: 2008 tax only; 2017 practice tax + individual contributions (§5). */
  baseDeductions: z.enum(['2008', '2017']).default(D.baseDeductions),
  /** Months before 2008-04: judge by the 1998 table, or leave unchecked (§2). */
  before2008: z.enum(['1998', 'unchecked']).default(D.before2008),
  /** Dated rate-table overrides, newest wins from its month on. */
  tableOverrides: z.array(TableOverrideSchema).max(50).default(() => []),
  /** Days a 公示 stays posted; the sheet prints the period from its date (default 7, common practice). */
  publicityDays: z.number().int().min(1).max(60).default(D.publicityDays),
  /** Where members raise a question about the 公示, printed on it. */
  publicityContact: z.string().trim().min(1).max(60).default(D.publicityContact),
  /** Day of the month after a quarter by which branches submit it (报送截止), unless `deadlines` names the quarter. */
  deadlineDay: z.number().int().min(1).max(28).default(D.deadlineDay),
  /**
   * A quarter still running may be submitted from this day of its last month on (default the
   * 20th: the month's dues are mostly collected by then); before it, only ended quarters.
   */
  runningQuarterFromDay: z.number().int().min(1).max(28).default(D.runningQuarterFromDay),
  /** Per-quarter deadlines the committee set ("2026Q3" → "2026-10-15"), overriding deadlineDay. */
  deadlines: z.record(z.string().regex(/^\d{4}Q[1-4]$/, 'quarter must look like 2026Q3'), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must look like 2026-10-15')).default(() => ({})),
  /** Paper of the consolidated workbook's sheets: A4 (every office printer) unless the 党委 chooses A3. */
  reportPaper: z.enum(['A4', 'A3']).default(D.reportPaper),
  /**
   * The dues category of members when a workbook names none at all (no 交费类别 on the register
   * or the roster): most branches are of serving staff, so 在职 unless the 党委 says otherwise.
   */
  defaultCategory: z.enum(CATEGORIES.filter((c) => c !== '停止党籍') as [string, ...string[]]).default(D.defaultCategory),
  /** Whose confirmation a 少交/免交 (per dues category), 缓交 and 补交 need (2008规定 第十二条; shared/approvals/levels.ts). */
  approvalLevels: ApprovalLevelsSchema.default(() => ({ reduction: {}, deferral: D.approvalLevels.deferral, backPayment: D.approvalLevels.backPayment })),
});

export type CommitteeSettings = z.infer<typeof CommitteeSettingsSchema>;
export type CommitteeSettingsInput = z.input<typeof CommitteeSettingsSchema>;

/** Fill a partial (stored or posted) settings object with the defaults; throws a ZodError when invalid. */
export function parseSettings(input: unknown): CommitteeSettings {
  return CommitteeSettingsSchema.parse(input ?? {});
}
