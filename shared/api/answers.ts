/**
 * What each route answers, beside the submission and roll-up shapes of contract.ts: the worker
 * documents and types its answers with these, the clients (shared/api/client.ts) parse with them.
 * Recursive trees have a second, flat "Doc" schema for the OpenAPI document, which cannot render
 * recursion; clients parse with the recursive one.
 */
import { z } from 'zod';
import { CommitteeSettingsSchema } from '../settings';
import {
  OrgKindSchema, RoleSchema, RollupFiguresSchema, RollupMemberSchema,
  SubmissionReceiptSchema, SubmissionStatusSchema, SubmittedFindingSchema, type OrgKind,
} from './contract';

/** An organisation as answers name it. */
export const OrgBriefSchema = z.object({ code: z.string(), name: z.string(), kind: OrgKindSchema });
export type OrgBrief = z.infer<typeof OrgBriefSchema>;

/** GET /api/me: the token's role, its organisation and the committee (党委) above it. */
export const MeSchema = z.object({ role: RoleSchema, org: OrgBriefSchema, committee: OrgBriefSchema });
export type Me = z.infer<typeof MeSchema>;

/** GET and PUT /api/settings: the committee's code and its settings, defaults filled in. */
export const SettingsAnswerSchema = z.object({ committee: z.string(), settings: CommitteeSettingsSchema });
export type SettingsAnswer = z.infer<typeof SettingsAnswerSchema>;

/** GET /api/orgs and /api/orgs/{code}: an organisation and its subtree. */
export interface OrgTree {
  code: string;
  name: string;
  kind: OrgKind;
  children: OrgTree[];
}
export const OrgTreeSchema: z.ZodType<OrgTree> = z.lazy(() =>
  z.object({ code: z.string(), name: z.string(), kind: OrgKindSchema, children: z.array(OrgTreeSchema) }),
);
export const OrgTreeDocSchema = z.object({
  code: z.string(), name: z.string(), kind: OrgKindSchema,
  children: z.array(z.unknown()).describe('the same shape, one per child organisation'),
});

/** POST and PATCH /api/orgs: the organisation as it now stands. */
export const OrgSchema = z.object({ code: z.string(), name: z.string(), kind: OrgKindSchema, parentCode: z.string().nullable() });
export type Org = z.infer<typeof OrgSchema>;

/** GET /api/tokens (a list), DELETE /api/tokens/{id}: a token without its secret. */
export const TokenInfoSchema = z.object({
  id: z.number().int(), orgCode: z.string(), role: RoleSchema, label: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfoSchema>;
/** POST /api/tokens: the token with its secret, shown this once. */
export const IssuedTokenSchema = TokenInfoSchema.extend({ token: z.string().describe('The bearer secret. Shown only this once.') });
export type IssuedToken = z.infer<typeof IssuedTokenSchema>;

/** GET /api/locks (a list), PUT /api/locks/{org}/{quarter}: a quarter lock. */
export const LockInfoSchema = z.object({ orgCode: z.string(), quarter: z.string(), note: z.string().nullable(), at: z.string() });
export type LockInfo = z.infer<typeof LockInfoSchema>;
/** DELETE /api/locks/{org}/{quarter}. */
export const UnlockedSchema = z.object({ orgCode: z.string(), quarter: z.string(), unlocked: z.literal(true) });
export type Unlocked = z.infer<typeof UnlockedSchema>;

/** One revision of a branch-quarter, with the reviews it received. */
export const RevisionInfoSchema = z.object({
  revision: z.number().int(), etag: z.string(), receivedAt: z.string(), reportDate: z.string(),
  totals: z.object({ members: z.number().int(), dueFen: z.number().int(), paidFen: z.number().int() }),
  note: z.string().nullable(),
  reviews: z.array(z.object({
    action: z.enum(['confirmed', 'returned']), note: z.string().nullable(), at: z.string(),
    /** Who decided: the reviewer's organisation and token label ("机关党委 · 财务 王会计"); absent from older workers. */
    by: z.string().nullable().optional(),
  })),
});
export type RevisionInfo = z.infer<typeof RevisionInfoSchema>;
/** GET /api/submissions/{branch}/{quarter}: the latest receipt and every revision. */
export const HistorySchema = z.object({ current: SubmissionReceiptSchema, revisions: z.array(RevisionInfoSchema) });
export type History = z.infer<typeof HistorySchema>;
/** GET /api/submissions/{branch}/{quarter}/revisions/{n}: one revision with the warnings it carried. */
export const RevisionDetailSchema = RevisionInfoSchema.extend({ findings: z.array(SubmittedFindingSchema) });
export type RevisionDetail = z.infer<typeof RevisionDetailSchema>;

/** GET /api/rollups/{period}: RollupNodeSchema (contract.ts); this is its flat form for the document. */
export const RollupNodeDocSchema = z.object({
  org: OrgBriefSchema,
  period: z.string(),
  figures: RollupFiguresSchema,
  status: SubmissionStatusSchema.nullable(),
  revision: z.number().int().nullable(),
  locked: z.boolean(),
  children: z.array(z.unknown()).describe('RollupNode[]: the same shape, one per child organisation'),
});
/** GET /api/rollups/{period}/members?org=BRANCH. */
export const RollupMembersAnswerSchema = z.object({ branch: z.string(), period: z.string(), members: z.array(RollupMemberSchema) });
export type RollupMembersAnswer = z.infer<typeof RollupMembersAnswerSchema>;
/** GET /api/rollups/{quarter}/checks: one person in two branches; members gone without a transfer note. */
export const CrossBranchChecksSchema = z.object({
  quarter: z.string(),
  duplicates: z.array(z.object({ idMasked: z.string(), names: z.array(z.string()), month: z.string(), branches: z.array(z.string()) })),
  vanished: z.array(z.object({ idMasked: z.string(), name: z.string(), branch: z.string(), lastQuarter: z.string() })),
});
export type CrossBranchChecks = z.infer<typeof CrossBranchChecksSchema>;

/** POST /api/reports/{period}/link: a path on the same server, openable without a token until expiresAt. */
export const ReportLinkSchema = z.object({ url: z.string(), expiresAt: z.string(), minutes: z.number().int() });
export type ReportLink = z.infer<typeof ReportLinkSchema>;

/** GET /api/audit (a list). */
export const AuditEventSchema = z.object({
  seq: z.number().int(), at: z.string(), role: z.string().nullable(), action: z.string(), orgCode: z.string().nullable(),
  quarter: z.string().nullable(), details: z.unknown(), hash: z.string(), prevHash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
/** GET /api/audit/verify. */
export const AuditVerifySchema = z.object({
  ok: z.boolean(), events: z.number().int(), head: z.string(),
  anchor: z.string().describe('The committee chain\'s head as "seq:hash": keep it, send it back as ?anchor= next time'),
  pending: z.number().int(), legacy: z.number().int(),
  brokenAt: z.number().int().optional(), reason: z.string().optional(), scope: z.string().optional(),
});
export type AuditVerify = z.infer<typeof AuditVerifySchema>;

