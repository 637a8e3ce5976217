/**
 * The contract of the member's year (issue 15): approvals (少交/免交/缓交/补交), transfers
 * (组织关系转接 with 党费交至年月) and the year's baseline (年初核定). Requests and answers as zod
 * schemas; the worker validates with them, the clients parse with them.
 */
import { z } from 'zod';
import { ALL_FINDING_CODES } from '../findings/codes';
import { APPROVAL_KINDS, ApprovalLevelSchema } from '../approvals/levels';
import { CategorySchema, DateSchema, FenSchema, MonthSchema, OrgNameSchema, isPrintableLine, idInTextPattern } from './contract';

const IdNumberSchema = z.string().regex(/^\d{17}[\dX]$/, 'idNumber must be 18 characters, normalised');
const PersonName = z.string().trim().min(1).max(50).refine(isPrintableLine, 'a name is one line of printable text')
  .refine((v) => !/\d{6}/.test(v), 'a name must not hold an ID number or a long run of digits');
/** A 批准文号 such as 交委党〔2026〕12号: one printable line, no ID number. */
const DocumentNo = z.string().trim().min(1).max(60).refine(isPrintableLine, 'a document number is one line of printable text')
  .refine((v) => !idInTextPattern().test(v), 'a document number must not hold an ID number');
/** Free text over lines: printable apart from line breaks and tabs. */
const Note = z.string().max(500).refine((v) => v.split(/\r\n|\n|\t/).every(isPrintableLine), 'no control or format characters');

export const ApprovalKindSchema = z.enum(APPROVAL_KINDS);
/**
 * withdrawn: a pending approval the branch took back; revoked: a confirmed one the confirming org
 * (or the 党委's administrator) took back with a reason. Neither changes arrears; both are kept.
 */
export const ApprovalStatusSchema = z.enum(['pending', 'confirmed', 'rejected', 'withdrawn', 'revoked']);

/** A finding from the server's records: the member and the months instead of a sheet and cell. */
export const RecordFindingSchema = z.object({
  code: z.enum(ALL_FINDING_CODES as [string, ...string[]]),
  severity: z.enum(['error', 'warning', 'info']),
  member: z.object({ name: z.string(), idMasked: z.string() }),
  months: z.array(MonthSchema),
  message: z.string(),
  messageEn: z.string(),
  approvalId: z.number().int().optional(),
  transferId: z.number().int().optional(),
});

/** POST /api/approvals (a branch's clerk): the branch enters what was approved. */
export const ApprovalRequestSchema = z.object({
  /** Raw 公民身份号码 over TLS; the worker keeps only the keyed hash and the masked form. */
  idNumber: IdNumberSchema,
  name: PersonName,
  /** The member's dues category: it decides which org must confirm (settings.approvalLevels). */
  category: CategorySchema,
  kind: ApprovalKindSchema,
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  /** 少交: the monthly amount still due; 补交: the amount paid back; 免交 and 缓交: 0. */
  amountFen: FenSchema,
  documentNo: DocumentNo,
  /** The organisations that approved, as the document names them (支部委员会, 党委). */
  approvingOrgs: z.array(OrgNameSchema).min(1).max(4),
  /** The day of the decision (补交: the day the money was paid). */
  approvedOn: DateSchema,
  note: Note.optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

/** POST /api/approvals/{id}/confirm|reject: a reject needs a note saying why. */
export const ApprovalDecisionSchema = z.object({ note: Note.optional() });
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

/** A reason, one to 500 characters (revoking an approval, withdrawing a transfer: required). */
const Reason = Note.refine((v) => v.trim().length > 0, 'a reason saying why is needed');

/** POST /api/approvals/{id}/withdraw (the branch, pending only): the reason is optional. */
export const ApprovalWithdrawSchema = z.object({ reason: Note.optional() });
export type ApprovalWithdraw = z.infer<typeof ApprovalWithdrawSchema>;

/** POST /api/approvals/{id}/revoke (the org that confirmed it, or the 党委's admin) and POST /api/transfers/{id}/withdraw. */
export const ReasonSchema = z.object({ reason: Reason });
export type ReasonRequest = z.infer<typeof ReasonSchema>;

export const ApprovalSchema = z.object({
  id: z.number().int(),
  branch: z.string(),
  member: z.object({ name: z.string(), idMasked: z.string() }),
  category: CategorySchema,
  kind: ApprovalKindSchema,
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  amountFen: z.number().int(),
  documentNo: z.string(),
  approvingOrgs: z.array(z.string()),
  approvedOn: z.string(),
  note: z.string().nullable(),
  /** Whose confirmation the rule needs: the branch itself, or the 党委 above it. */
  level: ApprovalLevelSchema,
  status: ApprovalStatusSchema,
  enteredAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The org code of whoever confirmed or rejected it. */
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** When it was withdrawn or revoked, by which org (code), and why (null while it stands). */
  withdrawnAt: z.string().nullable().optional(),
  withdrawnBy: z.string().nullable().optional(),
  withdrawReason: z.string().nullable().optional(),
  /** What the record says about itself (APPROVAL_PENDING, BACKPAY_OVER_SIX_MONTHS). */
  findings: z.array(RecordFindingSchema),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** GET /api/approvals/effects/{period}?org=BRANCH: what confirmed approvals and transfers-in take off each member's arrears. */
export const MemberEffectSchema = z.object({
  member: z.object({ name: z.string(), idMasked: z.string() }),
  rawArrearsFen: z.number().int(),
  arrearsFen: z.number().int(),
  approvedFen: z.number().int(),
});
export const EffectsAnswerSchema = z.object({
  branch: z.string(),
  period: z.string(),
  /** Sums over the members: rawArrearsFen = arrearsFen + approvedFen. */
  rawArrearsFen: z.number().int(),
  arrearsFen: z.number().int(),
  approvedFen: z.number().int(),
  members: z.array(MemberEffectSchema),
  findings: z.array(RecordFindingSchema),
});
export type EffectsAnswer = z.infer<typeof EffectsAnswerSchema>;

export const TransferDirectionSchema = z.enum(['转出', '转入']);

/** POST /api/transfers (a branch's clerk): a member leaving (转出) or arriving (转入). */
export const TransferRequestSchema = z.object({
  idNumber: IdNumberSchema,
  name: PersonName,
  direction: TransferDirectionSchema,
  /** The day the relation moved (介绍信 date). */
  date: DateSchema,
  /** 党费交至年月: the last month paid at the sending branch. */
  paidThrough: MonthSchema,
  /** The other side as the letter names it (转往 / 转自). */
  counterpart: OrgNameSchema,
  note: Note.optional(),
});
export type TransferRequest = z.infer<typeof TransferRequestSchema>;

export const TransferSchema = z.object({
  id: z.number().int(),
  branch: z.string(),
  member: z.object({ name: z.string(), idMasked: z.string() }),
  direction: TransferDirectionSchema,
  date: z.string(),
  paidThrough: MonthSchema,
  /** For a 转入: the first month the receiving branch charges (the month after paidThrough). */
  firstDueMonth: MonthSchema,
  counterpart: z.string(),
  note: z.string().nullable(),
  /** The introduction letter's line, the month in capital numerals (贰零贰陆年玖月). */
  letterLine: z.string(),
  enteredAt: z.string(),
  /** A transfer withdrawn as a mistake: kept, but it no longer counts anywhere. */
  withdrawnAt: z.string().nullable().optional(),
  withdrawReason: z.string().nullable().optional(),
});
export type Transfer = z.infer<typeof TransferSchema>;
