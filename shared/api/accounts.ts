/**
 * The contract of a 党委's money routes: 上缴 shares (effective-dated, append-only), remittances,
 * the year's accounts (收支结存) and the 大额党费 list. Bodies and answers, as zod schemas; the
 * worker validates with these, the clients parse with them. Money is integer 分.
 *
 * GET  /api/remittances/shares              every share row, oldest first
 * POST /api/remittances/shares              add a row (never edits one)
 * GET  /api/remittances/{year}              应上缴 per level, what was remitted, what is outstanding and by when
 * POST /api/remittances/{year}              record a remittance of that year's dues
 * GET  /api/accounts/{year}                 the year's accounts: 上年结存, 收缴, 下拨, 利息, 上缴, 使用, 结存
 * POST /api/accounts/{year}/entries         record 上年结存, 下拨, 利息 or a 使用
 * GET  /api/rollups/{period}/large          大额党费 per member and month (the roll-up's list)
 *
 * Finance and admin of the 党委 only (the list: finance and leaders, as the workbook).
 */
import { z } from 'zod';
import { USE_PURPOSE_CODES } from '../accounts/purposes';
import { DateSchema, isPrintableLine, QuarterSchema, YearSchema } from './contract';
import { YearSharesSchema } from './shares-summary';

const line = (max: number) => z.string().trim().min(1).max(max).refine(isPrintableLine, 'one line of printable text');
/** Positive 分, bounded like every amount (FenSchema) so sums stay exact. */
const PositiveFen = z.number().int('amounts are whole 分').min(1, 'an amount is at least 1 分').max(1e11);

export const MonthDaySchema = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day such as 04-30')
  .refine((v) => {
    const [m, d] = v.split('-').map(Number) as [number, number];
    return d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  }, 'not a day of that month');

/** POST /api/remittances/shares. */
export const ShareRequestSchema = z.object({
  level: line(50).describe('The level remitted to: 县委, 市委组织部, 中央 …'),
  rateBp: z.number().int().min(0).max(10000).describe('Basis points of 实交: 500 = 5 %; 0 ends the share'),
  from: QuarterSchema.describe('The first quarter the share applies to'),
  dueMonthDay: MonthDaySchema.default('04-30').describe('Due by this day of the following year (2008规定 第十五条: 4月底前)'),
  basis: line(200).optional().describe('The notice that set it (文件依据)'),
});
export type ShareRequest = z.input<typeof ShareRequestSchema>;

export const ShareAnswerSchema = z.object({
  id: z.number().int(), level: z.string(), rateBp: z.number().int(), from: z.string(), dueMonthDay: z.string(),
  basis: z.string().nullable(), createdAt: z.string(),
});
export type ShareAnswer = z.infer<typeof ShareAnswerSchema>;
export const SharesListSchema = z.object({ committee: z.string(), shares: z.array(ShareAnswerSchema) });
export type SharesList = z.infer<typeof SharesListSchema>;

export const RemittanceKindSchema = z.enum(['share', 'large']);

/** POST /api/remittances/{year}. */
export const RemittanceRequestSchema = z.object({
  level: line(50),
  kind: RemittanceKindSchema.default('share').describe("'share': 上缴 of regular dues; 'large': 大额党费 passed on to 中央"),
  paidOn: DateSchema,
  amountFen: PositiveFen,
  voucher: line(64).describe('凭证号: unique within the committee'),
  note: z.string().trim().max(500).refine(isPrintableLine, 'one line of printable text').optional(),
});
export type RemittanceRequest = z.input<typeof RemittanceRequestSchema>;

export const RemittanceAnswerSchema = z.object({
  id: z.number().int(), year: z.string(), level: z.string(), kind: RemittanceKindSchema, paidOn: z.string(), amountFen: z.number().int(),
  voucher: z.string(), note: z.string().nullable(), createdAt: z.string(),
});
export type RemittanceAnswer = z.infer<typeof RemittanceAnswerSchema>;

export const OutstandingSchema = z.object({
  level: z.string(), kind: RemittanceKindSchema, dueFen: z.number().int(), remittedFen: z.number().int(),
  outstandingFen: z.number().int(), overpaidFen: z.number().int(), dueBy: z.string(), overdue: z.boolean(),
});

/** GET /api/remittances/{year}. */
export const RemittanceStatusSchema = z.object({
  committee: z.string(),
  year: z.string(),
  /** The day outstanding amounts were judged on (Beijing time). */
  today: z.string(),
  shares: YearSharesSchema,
  largeFen: z.number().int(),
  lines: z.array(OutstandingSchema),
  remittances: z.array(RemittanceAnswerSchema),
});
export type RemittanceStatus = z.infer<typeof RemittanceStatusSchema>;

export const EntryKindSchema = z.enum(['opening', 'allocation', 'interest', 'use']);
export const UsePurposeSchema = z.enum(USE_PURPOSE_CODES);

/** POST /api/accounts/{year}/entries. A use needs its purpose (第十九条) and decision date (第二十条). */
export const EntryRequestSchema = z.object({
  kind: EntryKindSchema,
  on: DateSchema.describe('The day of the entry: received, credited or paid (for 上年结存, the first day of the year)'),
  amountFen: z.number().int().min(0).max(1e11),
  voucher: line(64),
  purpose: UsePurposeSchema.optional(),
  decidedOn: DateSchema.optional().describe('For a use: the day it was decided collectively'),
  source: line(100).optional().describe('For 下拨: who allocated it'),
  note: z.string().trim().max(500).refine(isPrintableLine, 'one line of printable text').optional(),
}).superRefine((e, ctx) => {
  if (e.kind === 'use') {
    if (!e.purpose) ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'a use names its purpose from 2008规定 第十九条' });
    if (!e.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'a use needs the date of its collective decision (第二十条)' });
    else if (e.decidedOn > e.on) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'the decision comes before the money is spent' });
  } else {
    if (e.purpose) ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'only a use has a purpose' });
    if (e.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: 'only a use has a decision date' });
  }
  if (e.kind !== 'opening' && e.amountFen === 0) ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'an amount is at least 1 分' });
  if (e.kind !== 'allocation' && e.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'only a 下拨 has a source' });
});
export type EntryRequest = z.input<typeof EntryRequestSchema>;

export const EntryAnswerSchema = z.object({
  id: z.number().int(), year: z.string(), kind: EntryKindSchema, on: z.string(), amountFen: z.number().int(), voucher: z.string(),
  purpose: UsePurposeSchema.nullable(), decidedOn: z.string().nullable(), source: z.string().nullable(), note: z.string().nullable(), createdAt: z.string(),
});
export type EntryAnswer = z.infer<typeof EntryAnswerSchema>;

/** GET /api/accounts/{year}: the 收支结存 of the year, its items, and the identity checked. */
export const YearAccountsSchema = z.object({
  committee: z.string(),
  year: z.string(),
  /** Where 上年结存 comes from: recorded for this year, carried from last year's 结存, or none (0). */
  openingSource: z.enum(['recorded', 'carried', 'none']),
  openingFen: z.number().int(),
  collectedFen: z.number().int(),
  allocatedFen: z.number().int(),
  interestFen: z.number().int(),
  /** 上缴 paid in this year (share remittances whose paidOn falls in it). */
  remittedFen: z.number().int(),
  usedFen: z.number().int(),
  closingFen: z.number().int(),
  negative: z.boolean(),
  /** 结存 = 上年结存 + 收缴 + 下拨 + 利息 − 上缴 − 使用, checked on these very figures. */
  identityHolds: z.boolean(),
  usesByPurpose: z.array(z.object({ purpose: UsePurposeSchema, amountFen: z.number().int(), count: z.number().int() })),
  /** 大额党费 collected in the year and passed on to 中央 (paid in the year), outside the identity. */
  large: z.object({ collectedFen: z.number().int(), remittedFen: z.number().int() }),
  entries: z.array(EntryAnswerSchema),
  remittances: z.array(RemittanceAnswerSchema),
});
export type YearAccounts = z.infer<typeof YearAccountsSchema>;

/** One 大额党费 payment: a member, a month, an amount (masked ID only). */
export const LargeDuesLineSchema = z.object({
  branch: z.string(), branchName: z.string(), name: z.string(), idMasked: z.string(), month: z.string(), largeFen: z.number().int(),
});
export type LargeDuesLine = z.infer<typeof LargeDuesLineSchema>;
export const LargeDuesListSchema = z.object({ org: z.string(), period: z.string(), totalFen: z.number().int(), lines: z.array(LargeDuesLineSchema) });
export type LargeDuesList = z.infer<typeof LargeDuesListSchema>;

export { YearSchema };
