/**
 * Approvals (少交/免交/缓交/补交, 2008规定 第十二条). A branch's clerk enters what was approved; the
 * org the rule needs confirms it (settings.approvalLevels: the branch itself — then the entry is
 * the branch's decision and stands at once — or the 党委 above it: finance or an administrator of
 * that 党委). Only confirmed approvals change arrears; every entry and decision is an audit event.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ApprovalDecisionSchema, ApprovalRequestSchema, ApprovalSchema, ApprovalWithdrawSchema, EffectsAnswerSchema, ReasonSchema, type ApprovalRequest,
} from '../../../shared/api/approvals';
import { PeriodSchema, YearSchema } from '../../../shared/api/contract';
import { requiredLevel } from '../../../shared/approvals/levels';
import { draftProblems } from '../../../shared/approvals/rules';
import { maskId } from '../../../shared/idcard';
import type { AppEnv, Auth } from '../env';
import { ApiError, forbidden, notFound } from '../errors';
import { requireRole } from '../auth';
import { auditStatement, sealAfterWrite } from '../audit';
import { hmacHex } from '../crypto';
import { inSubtree, orgInScope } from '../orgs';
import { committeeSettings } from '../settings/store';
import { scrubIds, scrubOptional } from '../submissions/rows';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';
import { approvalById, approvalOf, approvalsIn, insertApproval, withdrawApprovalStatement, type ApprovalRow } from './store';
import { readBranchEffects } from './effects';
import type { Context } from 'hono';

const IdParam = z.object({ id: z.coerce.number().int().min(1).max(2 ** 31) });

/** The keyed hash of an ID number; without the secret it would be guessable, so nothing is stored. */
export async function idKey(env: Env, idNumber: string): Promise<string> {
  if (!env.ID_HMAC_KEY || env.ID_HMAC_KEY.length < 16) throw new ApiError('INTERNAL', 'the server is not configured (ID_HMAC_KEY)');
  return hmacHex(env.ID_HMAC_KEY, idNumber);
}

/** A clerk of a 党支部: who enters records of the member's year. */
export function requireBranchClerk(auth: Auth): void {
  requireRole(auth, 'clerk');
  if (auth.org.kind !== '党支部') throw new ApiError('NOT_A_BRANCH', 'records of members are entered by a 党支部');
}

/**
 * May this token decide this approval? The branch level is decided at entry; the committee level
 * by finance or an administrator of a 党委 whose subtree holds the branch. Outside the subtree the
 * approval does not exist for the token (404); inside it, a 总支 or a branch token is refused (403).
 */
function mayDecide(auth: Auth, a: ApprovalRow): void {
  if (!inSubtree({ path: a.org_path }, auth.org)) throw notFound('approval');
  requireRole(auth, 'finance', 'admin');
  if (a.level === 'committee' && auth.org.kind !== '党委') {
    throw forbidden(`this ${a.kind} needs the confirmation of the 党委 above the branch (2008规定 第十二条); a ${auth.org.kind} may not give it`);
  }
}

async function decide(c: Context<AppEnv>, id: number, status: 'confirmed' | 'rejected', note: string | null) {
  const auth = c.get('auth');
  const db = c.env.DB;
  const a = await approvalById(db, id);
  if (!a) throw notFound('approval');
  mayDecide(auth, a);
  if (a.withdrawn_at) throw new ApiError('CONFLICT', `approval ${id} was withdrawn on ${a.withdrawn_at.slice(0, 10)}; there is nothing to decide`);
  if (a.status !== 'pending') throw new ApiError('CONFLICT', `approval ${id} is already ${a.status}`);
  if (status === 'rejected' && !note?.trim()) throw new ApiError('INVALID_REQUEST', 'a rejection needs a note saying why');
  const at = new Date().toISOString();
  try {
    await db.batch([
      db.prepare(`UPDATE approvals SET status = ?, decided_token_id = ?, decided_org_id = ?, decided_at = ?, decision_note = ? WHERE id = ? AND status = 'pending'`)
        .bind(status, auth.tokenId, auth.org.id, at, note, id),
      await auditStatement(c.env, auth, { action: status === 'confirmed' ? 'approval.confirm' : 'approval.reject', orgId: a.org_id, details: { approval: id, kind: a.kind, note } }, at),
    ]);
  } catch (e) {
    if (/already withdrawn/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) throw new ApiError('CONFLICT', `approval ${id} was withdrawn meanwhile`);
    if (/already decided/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) throw new ApiError('CONFLICT', `approval ${id} was decided meanwhile`);
    throw e;
  }
  await sealAfterWrite(c.env);
  return approvalOf((await approvalById(db, id))!);
}

/**
 * Who may take back a standing approval. A pending one: only the branch that entered it (its
 * clerk), before anyone decided. A confirmed one: only the org that confirmed it — the branch's
 * clerk when the branch decided at entry, finance or an admin of the 党委 when it confirmed — or
 * an administrator of the 党委 (who keeps the committee's records right). Outside the subtree: 404.
 */
function mayWithdraw(auth: Auth, a: ApprovalRow, action: 'withdraw' | 'revoke'): void {
  if (!inSubtree({ path: a.org_path }, auth.org)) throw notFound('approval');
  if (action === 'withdraw') {
    requireBranchClerk(auth);
    if (auth.org.id !== a.org_id) throw forbidden('only the branch that entered an approval may withdraw it');
    return;
  }
  const committeeAdmin = auth.role === 'admin' && auth.org.kind === '党委';
  const confirmer = a.decided_org_id === auth.org.id && (auth.org.kind === '党支部' ? auth.role === 'clerk' : auth.role === 'finance' || auth.role === 'admin');
  if (!committeeAdmin && !confirmer) {
    throw forbidden(`only ${a.decided_code ?? 'the org that confirmed it'} (which confirmed this ${a.kind}) or an administrator of the 党委 may revoke it`);
  }
}

async function withdraw(c: Context<AppEnv>, id: number, action: 'withdraw' | 'revoke', reason: string | null) {
  const auth = c.get('auth');
  const db = c.env.DB;
  const a = await approvalById(db, id);
  if (!a) throw notFound('approval');
  mayWithdraw(auth, a, action);
  if (a.withdrawn_at) throw new ApiError('CONFLICT', `approval ${id} was already withdrawn on ${a.withdrawn_at.slice(0, 10)}`);
  if (action === 'withdraw' && a.status !== 'pending') {
    throw new ApiError('CONFLICT', a.status === 'confirmed'
      ? `approval ${id} is confirmed: it can only be revoked, with a reason, by the org that confirmed it`
      : `approval ${id} is ${a.status}: it no longer stands`);
  }
  if (action === 'revoke' && a.status !== 'confirmed') {
    throw new ApiError('CONFLICT', a.status === 'pending' ? `approval ${id} is still pending: the branch withdraws it instead` : `approval ${id} is ${a.status}: it no longer stands`);
  }
  const at = new Date().toISOString();
  try {
    await db.batch([
      withdrawApprovalStatement(db, auth, id, action, reason, at),
      await auditStatement(c.env, auth, { action: `approval.${action}`, orgId: a.org_id, details: { approval: id, kind: a.kind, member: a.id_masked, reason } }, at),
    ]);
  } catch (e) {
    if (/already (withdrawn|decided)/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) throw new ApiError('CONFLICT', `approval ${id} was withdrawn or decided meanwhile`);
    throw e;
  }
  await sealAfterWrite(c.env);
  return approvalOf((await approvalById(db, id))!);
}

export function approvalsRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['approvals'], summary: 'Enter an approved 少交/免交/缓交/补交 for a member of your branch (clerk)',
      request: { body: jsonBody(ApprovalRequestSchema) },
      responses: { 201: jsonOk(ApprovalSchema, 'Stored: confirmed at once when the branch decides, else pending'), ...commonErrors, 409: errorResponse('NOT_A_BRANCH, or CONFLICT: overlaps a standing approval of the same kind'), 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireBranchClerk(auth);
      const req: ApprovalRequest = c.req.valid('json');
      const problems = draftProblems(req);
      if (problems.length) throw new ApiError('INVALID_REQUEST', problems.join('; '), { problems });
      const db = c.env.DB;
      const settings = await committeeSettings(db, auth.org.root_id);
      const level = requiredLevel(req.kind, req.category, settings.approvalLevels);
      const hmac = await idKey(c.env, req.idNumber);
      const clean = {
        name: scrubIds(req.name), documentNo: scrubIds(req.documentNo), approvingOrgs: req.approvingOrgs.map(scrubIds), note: scrubOptional(req.note),
      };
      const at = new Date().toISOString();
      let id: number;
      try {
        const res = await db.batch([
          insertApproval(db, auth, req, clean, hmac, maskId(req.idNumber), level, at),
          await auditStatement(c.env, auth, {
            action: 'approval.create', orgId: auth.org.id,
            details: { member: maskId(req.idNumber), kind: req.kind, fromMonth: req.fromMonth, toMonth: req.toMonth, amountFen: req.amountFen, documentNo: clean.documentNo, level, status: level === 'branch' ? 'confirmed' : 'pending' },
          }, at),
        ]);
        id = Number(res[0]!.meta.last_row_id);
      } catch (e) {
        if (/approvals overlap/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) {
          throw new ApiError('CONFLICT', `${clean.name} already has a standing ${req.kind} over some of ${req.fromMonth}…${req.toMonth}; reject or correct that one first`);
        }
        throw e;
      }
      await sealAfterWrite(c.env);
      return c.json(approvalOf((await approvalById(db, id))!), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['approvals'], summary: 'Approvals in your subtree (clerks: their branch), optionally of one year',
      request: { query: z.object({ org: z.string().min(1).max(64).optional(), year: YearSchema.optional() }) },
      responses: { 200: jsonOk(z.array(ApprovalSchema)), ...commonErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const root = await orgInScope(c.env.DB, c.get('auth'), q.org);
      return c.json((await approvalsIn(c.env.DB, root, q.year ?? null)).map(approvalOf), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{id}/confirm', security: bearer, tags: ['approvals'], summary: 'Confirm a pending approval (finance, admin of the org the rule needs)',
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: ApprovalDecisionSchema } } } },
      responses: { 200: jsonOk(ApprovalSchema), ...commonErrors, 409: errorResponse('CONFLICT: already decided') },
    }),
    async (c) => {
      const body = (c.req.valid('json') as { note?: string } | undefined) ?? {};
      return c.json(await decide(c, c.req.valid('param').id, 'confirmed', scrubOptional(body.note)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{id}/reject', security: bearer, tags: ['approvals'], summary: 'Reject a pending approval with a note (finance, admin of the org the rule needs)',
      request: { params: IdParam, body: jsonBody(ApprovalDecisionSchema) },
      responses: { 200: jsonOk(ApprovalSchema), ...commonErrors, 409: errorResponse('CONFLICT: already decided'), 422: errorResponse('INVALID_REQUEST: no note') },
    }),
    async (c) => c.json(await decide(c, c.req.valid('param').id, 'rejected', scrubOptional(c.req.valid('json').note)), 200),
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{id}/withdraw', security: bearer, tags: ['approvals'], summary: 'Withdraw a pending approval your branch entered (clerk); kept as withdrawn',
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: ApprovalWithdrawSchema } } } },
      responses: { 200: jsonOk(ApprovalSchema), ...commonErrors, 409: errorResponse('CONFLICT: already withdrawn, decided, or confirmed (revoke it instead)') },
    }),
    async (c) => {
      const body = (c.req.valid('json') as { reason?: string } | undefined) ?? {};
      return c.json(await withdraw(c, c.req.valid('param').id, 'withdraw', scrubOptional(body.reason)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{id}/revoke', security: bearer, tags: ['approvals'], summary: 'Revoke a confirmed approval with a reason (the org that confirmed it, or an admin of the 党委)',
      request: { params: IdParam, body: jsonBody(ReasonSchema) },
      responses: { 200: jsonOk(ApprovalSchema), ...commonErrors, 409: errorResponse('CONFLICT: not confirmed, or already revoked') },
    }),
    async (c) => c.json(await withdraw(c, c.req.valid('param').id, 'revoke', scrubOptional(c.req.valid('json').reason)), 200),
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/effects/{period}', security: bearer, tags: ['approvals'], summary: 'What confirmed approvals and transfers-in take off a branch’s arrears, member by member, with their findings',
      request: { params: z.object({ period: PeriodSchema }), query: z.object({ org: z.string().min(1).max(64).optional() }) },
      responses: { 200: jsonOk(EffectsAnswerSchema), ...commonErrors, 422: errorResponse('INVALID_REQUEST: not a branch') },
    }),
    async (c) => {
      const org = await orgInScope(c.env.DB, c.get('auth'), c.req.valid('query').org);
      if (org.kind !== '党支部') throw new ApiError('INVALID_REQUEST', 'effects are listed per 党支部; name a branch with ?org=');
      return c.json(await readBranchEffects(c.env.DB, org, c.req.valid('param').period), 200);
    },
  );
  return r;
}
