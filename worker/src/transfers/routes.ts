/**
 * Transfers (组织关系转接). A branch's clerk records a member leaving (转出) or arriving (转入) with
 * 党费交至年月; the answer carries the receiving branch's first due month and the introduction
 * letter's line. A 转入 takes the months through 党费交至年月 off the receiving branch's arrears; a
 * 转出 answers the roll-up's "gone without a transfer" check. Every entry is an audit event.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ReasonSchema, TransferRequestSchema, TransferSchema } from '../../../shared/api/approvals';
import { YearSchema } from '../../../shared/api/contract';
import { maskId } from '../../../shared/idcard';
import { transferProblems } from '../../../shared/transfers/rules';
import { ApiError, forbidden, notFound } from '../errors';
import { auditStatement, sealAfterWrite } from '../audit';
import { inSubtree, orgInScope } from '../orgs';
import { scrubIds, scrubOptional } from '../submissions/rows';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';
import { idKey, requireBranchClerk } from '../approvals/routes';
import { transferById, transferOf, transfersIn, withdrawTransferStatement } from './store';

const IdParam = z.object({ id: z.coerce.number().int().min(1).max(2 ** 31) });

export function transfersRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['transfers'], summary: 'Record a member leaving (转出) or arriving (转入) your branch (clerk)',
      request: { body: jsonBody(TransferRequestSchema) },
      responses: { 201: jsonOk(TransferSchema), ...commonErrors, 409: errorResponse('NOT_A_BRANCH, or CONFLICT: already recorded'), 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireBranchClerk(auth);
      const t = c.req.valid('json');
      const problems = transferProblems(t);
      if (problems.length) throw new ApiError('INVALID_REQUEST', problems.join('; '), { problems });
      const db = c.env.DB;
      const hmac = await idKey(c.env, t.idNumber);
      const name = scrubIds(t.name);
      const at = new Date().toISOString();
      let id: number;
      try {
        const res = await db.batch([
          db.prepare(
            `INSERT INTO transfers (org_id, id_hmac, id_masked, name, direction, date, paid_through, counterpart, note, token_id, entered_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).bind(auth.org.id, hmac, maskId(t.idNumber), name, t.direction, t.date, t.paidThrough, scrubIds(t.counterpart), scrubOptional(t.note), auth.tokenId, at),
          await auditStatement(c.env, auth, {
            action: 'transfer.create', orgId: auth.org.id,
            details: { member: maskId(t.idNumber), direction: t.direction, date: t.date, paidThrough: t.paidThrough, counterpart: scrubIds(t.counterpart) },
          }, at),
        ]);
        id = Number(res[0]!.meta.last_row_id);
      } catch (e) {
        if (/UNIQUE constraint failed: transfers/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) {
          throw new ApiError('CONFLICT', `a ${t.direction} of ${name} on ${t.date} is already recorded`);
        }
        throw e;
      }
      await sealAfterWrite(c.env);
      return c.json(transferOf((await transferById(db, id))!), 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['transfers'], summary: 'Transfers in your subtree (clerks: their branch), optionally of one year',
      request: { query: z.object({ org: z.string().min(1).max(64).optional(), year: YearSchema.optional() }) },
      responses: { 200: jsonOk(z.array(TransferSchema)), ...commonErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const root = await orgInScope(c.env.DB, c.get('auth'), q.org);
      return c.json((await transfersIn(c.env.DB, root, q.year ?? null)).map(transferOf), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post', path: '/{id}/withdraw', security: bearer, tags: ['transfers'], summary: 'Withdraw a transfer your branch entered by mistake, with a reason (clerk); kept as withdrawn',
      request: { params: IdParam, body: jsonBody(ReasonSchema) },
      responses: { 200: jsonOk(TransferSchema), ...commonErrors, 409: errorResponse('CONFLICT: already withdrawn') },
    }),
    async (c) => {
      const auth = c.get('auth');
      const id = c.req.valid('param').id;
      const db = c.env.DB;
      const t = await transferById(db, id);
      // Outside the token's subtree the record does not exist for it.
      if (!t || !inSubtree({ path: t.org_path }, auth.org)) throw notFound('transfer');
      requireBranchClerk(auth);
      if (auth.org.id !== t.org_id) throw forbidden('only the branch that entered a transfer may withdraw it');
      if (t.withdrawn_at) throw new ApiError('CONFLICT', `transfer ${id} was already withdrawn on ${t.withdrawn_at.slice(0, 10)}`);
      const reason = scrubIds(c.req.valid('json').reason.trim());
      const at = new Date().toISOString();
      try {
        await db.batch([
          withdrawTransferStatement(db, auth.tokenId, id, reason, at),
          await auditStatement(c.env, auth, { action: 'transfer.withdraw', orgId: t.org_id, details: { transfer: id, member: t.id_masked, direction: t.direction, date: t.date, reason } }, at),
        ]);
      } catch (e) {
        if (/already withdrawn/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) throw new ApiError('CONFLICT', `transfer ${id} was withdrawn meanwhile`);
        throw e;
      }
      await sealAfterWrite(c.env);
      return c.json(transferOf((await transferById(db, id))!), 200);
    },
  );
  return r;
}
