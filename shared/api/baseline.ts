/**
 * The contract of the year's baseline (年初核定, 2017通知; dues-standard.md §4): a branch fixes
 * each member's approved base and monthly due for the year, later changes are recorded with a
 * reason. The raw ID travels over TLS as in a submission; the worker keeps only the keyed hash and
 * the masked form, and no answer carries the raw ID.
 */
import { z } from 'zod';
import { CategorySchema, FenSchema, MAX_SUBMISSION_MEMBERS, MonthSchema, YearSchema, isPrintableLine } from './contract';
import { RecordFindingSchema } from './approvals';

const IdNumberSchema = z.string().regex(/^\d{17}[\dX]$/, 'idNumber must be 18 characters, normalised');
const PersonName = z.string().trim().min(1).max(50).refine(isPrintableLine, 'a name is one line of printable text')
  .refine((v) => !/\d{6}/.test(v), 'a name must not hold an ID number or a long run of digits');
/** Why the figures changed (2008规定 第十条: pay changed): one printable line. */
const Reason = z.string().trim().min(1, 'a change needs its reason').max(500).refine(isPrintableLine, 'a reason is one line of printable text');

/** One member as the workbook gives them for the year's first month they are listed. */
export const BaselineMemberInputSchema = z.object({
  idNumber: IdNumberSchema,
  name: PersonName,
  category: CategorySchema,
  /** Null for flat categories (no base). */
  baseFen: FenSchema.nullable(),
  dueFen: FenSchema,
});
export type BaselineMemberInput = z.infer<typeof BaselineMemberInputSchema>;

/** POST /api/baselines (the branch's clerk): 核定本年度党费. */
export const BaselineFixRequestSchema = z.object({
  year: YearSchema,
  members: z.array(BaselineMemberInputSchema).min(1).max(MAX_SUBMISSION_MEMBERS),
});
export type BaselineFixRequest = z.infer<typeof BaselineFixRequestSchema>;

/** POST /api/baselines/{year}/changes (the branch's clerk): new figures from a month on, with the reason. */
export const BaselineChangeRequestSchema = z.object({
  idNumber: IdNumberSchema,
  fromMonth: MonthSchema,
  baseFen: FenSchema.nullable(),
  dueFen: FenSchema,
  reason: Reason,
});
export type BaselineChangeRequest = z.infer<typeof BaselineChangeRequestSchema>;

export const BaselineChangeSchema = z.object({
  fromMonth: MonthSchema,
  baseFen: z.number().int().nullable(),
  dueFen: z.number().int(),
  reason: z.string(),
  at: z.string(),
});

export const BaselineMemberSchema = z.object({
  member: z.object({ name: z.string(), idMasked: z.string() }),
  category: CategorySchema,
  /** Null for flat categories, and for readers who may not see income (an administrator). */
  baseFen: z.number().int().nullable(),
  dueFen: z.number().int(),
  fixedAt: z.string(),
  changes: z.array(BaselineChangeSchema),
});
export type BaselineMember = z.infer<typeof BaselineMemberSchema>;

/** The year's baseline of one branch, as fixed, with every recorded change. */
export const BaselineSchema = z.object({
  branch: z.string(),
  year: YearSchema,
  /** False when the branch has not fixed the year yet (members is empty). */
  fixed: z.boolean(),
  /** Bases withheld: the reader's role does not see income (design.md: income only for clerk and finance). */
  basesWithheld: z.boolean(),
  members: z.array(BaselineMemberSchema),
  /** Sums over the members of the figures fixed at the start of the year (bases: null when withheld). */
  totals: z.object({ members: z.number().int(), baseFen: z.number().int().nullable(), dueFen: z.number().int() }),
  /** The recorded changes as findings (BASELINE_CHANGE_RECORDED). */
  findings: z.array(RecordFindingSchema),
  /** On a fix: how many members this request added (0 when every one was already fixed with the same figures). */
  added: z.number().int().optional(),
});
export type Baseline = z.infer<typeof BaselineSchema>;

/** What a submission's receipt says of the year's baseline: ReceiptBaselineSchema in contract.ts (beside the receipt). */
export { ReceiptBaselineSchema, type ReceiptBaseline } from './contract';
