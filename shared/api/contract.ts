/**
 * The API contract between the pane / command line and the worker, as zod schemas.
 * Money is integer 分 everywhere; months are "YYYY-MM"; dates "YYYY-MM-DD".
 * The worker validates every input with these; clients parse answers with them.
 */
import { z } from 'zod';
import { ALL_FINDING_CODES } from '../findings/codes';
import { isIsoDate } from '../dates';
import { RollupRemittanceSchema, type RollupRemittance } from './shares-summary';

export const QuarterSchema = z.string().regex(/^\d{4}Q[1-4]$/, 'quarter must look like 2026Q3');
export const YearSchema = z.string().regex(/^\d{4}$/, 'year must look like 2026');
/** A reporting period: a quarter ("2026Q3") or a whole year ("2026"). */
export const PeriodSchema = z.union([QuarterSchema, YearSchema]);
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-07');
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must look like 2026-09-30')
  .refine(isIsoDate, 'not a date on the calendar (month 01–12, a day the month has)');

/** A non-negative whole number of 分, bounded so sums stay exact in a double. */
export const FenSchema = z.number().int('amounts are whole 分').min(0, 'amounts cannot be negative').max(1e11);

export const RoleSchema = z.enum(['clerk', 'finance', 'leader', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const OrgKindSchema = z.enum(['党委', '党总支', '党支部']);
export type OrgKind = z.infer<typeof OrgKindSchema>;

export const MemberClassSchema = z.enum(['正式党员', '预备党员']);
export const StandingSchema = z.enum(['正常', '停止党籍']);
/** Canonical dues categories (dues-standard.md §2). */
export const CategorySchema = z.enum([
  '在职', '年薪制', '个体', '离退休', '农民', '学生', '下岗失业', '低保', '停止党籍',
]);
export type Category = z.infer<typeof CategorySchema>;

const shortText = (max: number) => z.string().trim().min(1).max(max);

/*
 * ID numbers as people write them in free text: 15 or 18 digits (the last may be X), ASCII or
 * full-width, with spaces, hyphens, dots or slashes between groups ("320106 19940118 3514",
 * "３２０１０６-１９９４…"). Matching runs on the text as written, so only the number is masked.
 */
const ID_DIGIT = '[0-9\\uFF10-\\uFF19]';
const ID_CHECK = '[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]';
const ID_SEP = '[ \\t\\u00A0\\u3000\\-\\u2010-\\u2015\\u2212\\uFF0D._/\\uFF0E\\uFF0F\\u00B7\\u30FB]{0,3}';
const ID_RUN = (n: number) => `${ID_DIGIT}(?:${ID_SEP}${ID_DIGIT}){${n - 1}}`;
/** A global regex for ID numbers in free text (see above); not preceded or followed by more digits. */
export function idInTextPattern(): RegExp {
  return new RegExp(
    `(?<!${ID_DIGIT}${ID_SEP})(?:${ID_RUN(17)}${ID_SEP}${ID_CHECK}(?!${ID_SEP}${ID_DIGIT})|${ID_RUN(15)}(?!${ID_SEP}${ID_CHECK}))`,
    'g',
  );
}
/** The matched ID with separators removed and full-width forms folded: "11010519491231002X". */
export function normaliseIdText(match: string): string {
  return match
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();
}
/** Six or more digits in a row (separators allowed): never part of a person's name. */
const DIGIT_RUN = new RegExp(ID_RUN(6));

/** A person's name: not an ID number, nor holding one (a name is printed on the 公示 sheet). */
const PersonNameSchema = shortText(50).refine((v) => !DIGIT_RUN.test(v), 'a name must not hold an ID number or a long run of digits');

/** Controls, format characters, lone surrogates, private-use and unassigned code points. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/u;
/** Text of one line that prints: no control or format characters, no lone surrogates. */
export const isPrintableLine = (v: string): boolean => !UNPRINTABLE.test(v);

/**
 * An organisation's name: one printable line, at most 100 characters (it becomes a sheet name,
 * a page header and the 公示 heading of the consolidated workbook), and no ID number in it.
 */
export const OrgNameSchema = z.string().trim().min(1).max(100)
  .refine(isPrintableLine, 'a name is one line of printable text (no control or format characters)')
  .refine((v) => !idInTextPattern().test(v), 'a name must not hold an ID number');

/** One month of one member in the submitted quarter. */
export const SubmissionMonthSchema = z.object({
  month: MonthSchema,
  /** The base the due was computed on; null for flat categories. */
  baseFen: FenSchema.nullable(),
  dueFen: FenSchema,
  /** Regular dues paid for this month (大额党费 excluded: see largeFen). */
  paidFen: FenSchema,
  /** A voluntary one-off of 1000 yuan or more, which goes to 中央 (2008规定 第十一条). */
  largeFen: FenSchema.default(0),
});

export const SubmissionMemberSchema = z.object({
  name: PersonNameSchema,
  /** Raw 公民身份号码 over TLS; the worker keeps only an HMAC and a masked form. */
  idNumber: z.string().regex(/^\d{17}[\dX]$/, 'idNumber must be 18 characters, normalised'),
  memberClass: MemberClassSchema,
  standing: StandingSchema,
  category: CategorySchema,
  joinDate: DateSchema,
  /** Three months of the quarter, in order. */
  months: z.array(SubmissionMonthSchema).min(1).max(3),
  /** Consecutive unpaid months up to the report date, as the checker counted them. */
  unpaidStreak: z.number().int().min(0).max(600),
  /** Note on a member leaving or arriving (转出/转入), for cross-quarter checks. */
  transferNote: z.string().max(500).optional(),
});
export type SubmissionMember = z.infer<typeof SubmissionMemberSchema>;

export const SubmittedFindingSchema = z.object({
  code: z.enum(ALL_FINDING_CODES as [string, ...string[]]),
  severity: z.enum(['warning', 'info']),
  sheet: z.string().max(100),
  cell: z.string().max(20),
  message: z.string().max(500),
});

/**
 * A submission's body is at most 5 MB (the worker's limit). A member line with a full-length
 * Chinese name, three months with a base and a short transfer note is about 420 bytes of JSON, so
 * 10,000 members (≈ 4.2 MB) fit with room for warnings; the two limits are stated together.
 */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_SUBMISSION_MEMBERS = 10_000;

export const SubmissionSchema = z.object({
  /** The branch this quarter was prepared for; the server refuses it under another branch's token. */
  branchCode: z.string().min(1).max(64).optional(),
  quarter: QuarterSchema,
  reportDate: DateSchema,
  members: z.array(SubmissionMemberSchema).min(1).max(MAX_SUBMISSION_MEMBERS, `a submission holds at most ${MAX_SUBMISSION_MEMBERS.toLocaleString('en')} members (and at most 5 MB); split a larger register by branch`),
  /** Warnings travel with the submission; errors are refused (by the client and the server). */
  findings: z.array(SubmittedFindingSchema).max(100000).default([]),
  totals: z.object({ members: z.number().int().min(0), dueFen: FenSchema, paidFen: FenSchema }),
  note: z.string().max(2000).optional(),
  /** The branch the workbook itself names (title, 填报单位, 所在党支部): the server warns when it is another branch. */
  workbookBranch: z.object({ name: OrgNameSchema, sheet: z.string().max(100), cell: z.string().max(20) }).optional(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const SubmissionStatusSchema = z.enum(['submitted', 'confirmed', 'returned']);

/** What a submission's receipt says of the year's baseline (年初核定, shared/api/baseline.ts). */
export const ReceiptBaselineSchema = z.object({
  year: YearSchema,
  /** True when this submission was the year's first and fixed the baseline from its member months. */
  fixedNow: z.boolean(),
  /** Members in the year's baseline after this submission. */
  members: z.number().int(),
  /** Findings added to the revision: BASELINE_DIFFERS warnings and BASELINE_CHANGE_RECORDED infos. */
  differs: z.number().int(),
  recorded: z.number().int(),
});
export type ReceiptBaseline = z.infer<typeof ReceiptBaselineSchema>;

export const SubmissionReceiptSchema = z.object({
  branchCode: z.string(),
  quarter: QuarterSchema,
  revision: z.number().int().min(1),
  status: SubmissionStatusSchema,
  /** Strong ETag-like value the client sends back as If-Match on the next submission. */
  etag: z.string(),
  receivedAt: z.string(),
  /** True when the body was identical to the latest revision: this is that revision's receipt, nothing new was stored. */
  unchanged: z.boolean().optional(),
  /**
   * With unchanged: the latest revision was returned by finance and the same content does not
   * answer the return — the quarter stays 已退回 (status returned): the note, who returned it, when.
   */
  stillReturned: z.object({ note: z.string().nullable(), by: z.string().nullable(), at: z.string() }).optional(),
  /** The year's baseline: fixed by this submission (the year's first) or checked against (issue 15). */
  baseline: ReceiptBaselineSchema.optional(),
  /** This revision's own totals (members, 应交, 实交), whether or not it counts. */
  totals: z.object({ members: z.number().int(), dueFen: z.number().int(), paidFen: z.number().int() }),
  /**
   * The revision the roll-up counts for this branch-quarter (the latest submitted or confirmed):
   * itself unless it was returned, an earlier one after a return, null when none stands.
   */
  counted: z.object({
    revision: z.number().int().min(1),
    status: z.enum(['submitted', 'confirmed']),
    totals: z.object({ members: z.number().int(), dueFen: z.number().int(), paidFen: z.number().int() }),
  }).nullable().optional(),
});
export type SubmissionReceipt = z.infer<typeof SubmissionReceiptSchema>;

/** Figures of one node of the tree for one period (quarter or year). */
export const RollupFiguresSchema = z.object({
  members: z.object({ formal: z.number().int(), probationary: z.number().int() }),
  byCategory: z.record(z.string(), z.number().int()),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
  /** 大额党费 of the period (2008规定 第十一条): apart, never in paidFen; set by the worker. */
  largeFen: z.number().int().optional(),
  arrearsFen: z.number().int(),
  /**
   * Taken off the arrears by confirmed approvals (少交/免交/缓交/补交) and transfers-in
   * (shared/api/approvals.ts), shown apart: arrears before them = arrearsFen + approvedFen.
   */
  approvedFen: z.number().int().optional(),
  membersInArrears: z.number().int(),
  membersSixMonthArrears: z.number().int(),
  /** paid / due in basis points (0..10000+), null when nothing is due. */
  collectionRateBp: z.number().int().nullable(),
  branches: z.object({
    total: z.number().int(),
    submitted: z.number().int(),
    confirmed: z.number().int(),
    missing: z.number().int(),
  }),
});
export type RollupFigures = z.infer<typeof RollupFiguresSchema>;

export interface RollupNode {
  org: { code: string; name: string; kind: OrgKind };
  period: string;
  figures: RollupFigures;
  /** For a branch: its latest revision's status in the period, null when not submitted. */
  status: z.infer<typeof SubmissionStatusSchema> | null;
  revision: number | null;
  /** For a branch in a quarter: the revision its figures come from (differs from `revision` after a return); null when none counts. */
  countedRevision?: number | null;
  /** For a branch in a year: how many of the four quarters have a counted revision. */
  quartersSubmitted?: number;
  locked: boolean;
  /** People listed by two or more of this node's branches in one quarter of the period (set by the worker). */
  listedInTwoBranches?: number;
  /** A year at the 党委: 应上缴 per level and 留存 (shared/accounts/shares.ts). */
  remittance?: RollupRemittance;
  children: RollupNode[];
}
export const RollupNodeSchema: z.ZodType<RollupNode> = z.lazy(() =>
  z.object({
    org: z.object({ code: z.string(), name: z.string(), kind: OrgKindSchema }),
    period: PeriodSchema,
    figures: RollupFiguresSchema,
    status: SubmissionStatusSchema.nullable(),
    revision: z.number().int().nullable(),
    countedRevision: z.number().int().nullable().optional(),
    quartersSubmitted: z.number().int().min(0).max(4).optional(),
    locked: z.boolean(),
    listedInTwoBranches: z.number().int().optional(),
    remittance: RollupRemittanceSchema.optional(),
    children: z.array(RollupNodeSchema),
  }),
);

/** One member line of a branch drill-down (masked ID only, never the raw one). */
export const RollupMemberSchema = z.object({
  idMasked: z.string(),
  name: z.string(),
  memberClass: MemberClassSchema,
  category: CategorySchema,
  /** Only for roles allowed to see income; otherwise null. */
  baseFen: z.number().int().nullable(),
  months: z.array(z.object({ month: MonthSchema, dueFen: z.number().int(), paidFen: z.number().int() })),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
  arrearsFen: z.number().int(),
  /** Taken off this member's arrears by confirmed approvals and transfers-in (see RollupFiguresSchema). */
  approvedFen: z.number().int().optional(),
  unpaidStreak: z.number().int(),
});
export type RollupMember = z.infer<typeof RollupMemberSchema>;

/** The one error shape every route answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
