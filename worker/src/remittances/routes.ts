/**
 * 上缴 routes (mounted at /api/remittances), finance and admin of the 党委 only:
 *   GET  /shares          the committee's share rows, oldest first
 *   POST /shares          add a row; a level's new row must start after its latest (history is never edited)
 *   GET  /{year}          应上缴 per level, remitted, outstanding, due by
 *   POST /{year}          record a remittance (date, amount, voucher)
 * Each write is one batch with its audit event: it lands whole or not at all.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  RemittanceAnswerSchema, RemittanceRequestSchema, RemittanceStatusSchema, ShareAnswerSchema, ShareRequestSchema, SharesListSchema,
} from '../../../shared/api/accounts';
import { YearSchema } from '../../../shared/api/contract';
import { LARGE_LEVEL } from '../../../shared/accounts/shares';
import { isoFromDate } from '../../../shared/dates';
import { writeAudited } from '../audit';
import { checkYear, committeeOfAccounts } from '../accounts/access';
import { ApiError } from '../errors';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';
import { listShares, remittanceAnswer, remittanceStatus } from './store';

const YearParam = z.object({ year: YearSchema });

function yearOrRefuse(year: string, today: string): void {
  const why = checkYear(year, today);
  if (why) throw new ApiError('INVALID_REQUEST', why);
}

export function remittancesRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get', path: '/shares', security: bearer, tags: ['remittances'], summary: '上缴 shares of the committee, oldest first (finance, admin of the 党委)',
      responses: { 200: jsonOk(SharesListSchema), ...commonErrors },
    }),
    async (c) => {
      const committee = committeeOfAccounts(c.get('auth'));
      return c.json({ committee: committee.code, shares: await listShares(c.env.DB, committee.id) }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/shares', security: bearer, tags: ['remittances'], summary: 'Add an effective-dated 上缴 share (never edits one)',
      request: { body: jsonBody(ShareRequestSchema) },
      responses: { 201: jsonOk(ShareAnswerSchema, 'The row added'), ...commonErrors, 409: errorResponse('CONFLICT: not after the level’s latest row') },
    }),
    async (c) => {
      const auth = c.get('auth');
      const committee = committeeOfAccounts(auth);
      const body = c.req.valid('json');
      const db = c.env.DB;
      const latest = await db.prepare('SELECT MAX(from_quarter) AS q FROM remittance_shares WHERE root_id = ? AND level = ?').bind(committee.id, body.level).first<{ q: string | null }>();
      // A row dated at or before the level's latest would rewrite what past years were computed with.
      if (latest?.q && body.from <= latest.q) {
        throw new ApiError('CONFLICT', `the share to ${body.level} already has a row from ${latest.q}; a new row starts after it (shares are never edited)`);
      }
      const at = new Date().toISOString();
      const basis = body.basis ?? null;
      try {
        await writeAudited(c.env, auth, { action: 'remittance.share', orgId: committee.id, details: { level: body.level, rateBp: body.rateBp, from: body.from, dueMonthDay: body.dueMonthDay, basis } }, () => [
          db.prepare('INSERT INTO remittance_shares (root_id, level, rate_bp, from_quarter, due_month_day, basis, token_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .bind(committee.id, body.level, body.rateBp, body.from, body.dueMonthDay, basis, auth.tokenId, at),
        ]);
      } catch (e) {
        if (/UNIQUE constraint failed: remittance_shares/.test(String(e))) throw new ApiError('CONFLICT', `the share to ${body.level} already has a row from ${body.from}`);
        throw e;
      }
      const row = await db.prepare('SELECT id FROM remittance_shares WHERE root_id = ? AND level = ? AND from_quarter = ?').bind(committee.id, body.level, body.from).first<{ id: number }>();
      return c.json({ id: row!.id, level: body.level, rateBp: body.rateBp, from: body.from, dueMonthDay: body.dueMonthDay, basis, createdAt: at }, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{year}', security: bearer, tags: ['remittances'], summary: '应上缴, remitted and outstanding for a year, per level',
      request: { params: YearParam }, responses: { 200: jsonOk(RemittanceStatusSchema), ...commonErrors },
    }),
    async (c) => {
      const committee = committeeOfAccounts(c.get('auth'));
      const { year } = c.req.valid('param');
      const today = isoFromDate(new Date());
      yearOrRefuse(year, today);
      return c.json(await remittanceStatus(c.env.DB, committee, year, today), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{year}', security: bearer, tags: ['remittances'], summary: 'Record a remittance of a year’s dues (date, amount, voucher)',
      request: { params: YearParam, body: jsonBody(RemittanceRequestSchema) },
      responses: { 201: jsonOk(RemittanceAnswerSchema, 'The remittance recorded'), ...commonErrors, 409: errorResponse('CONFLICT: voucher already recorded'), 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      const committee = committeeOfAccounts(auth);
      const { year } = c.req.valid('param');
      const body = c.req.valid('json');
      const db = c.env.DB;
      const today = isoFromDate(new Date());
      yearOrRefuse(year, today);
      if (body.paidOn < `${year}-01-01`) throw new ApiError('INVALID_REQUEST', `a remittance of ${year}'s dues is paid in ${year} or later, not on ${body.paidOn}`);
      if (body.paidOn > today) throw new ApiError('INVALID_REQUEST', `${body.paidOn} is after today (${today}): record a remittance once it is paid`);
      if (body.kind === 'large' && body.level !== LARGE_LEVEL) throw new ApiError('INVALID_REQUEST', `大额党费 goes to ${LARGE_LEVEL} in full (2008规定 第十一条)`);
      if (body.kind === 'share') {
        const known = await db.prepare('SELECT 1 FROM remittance_shares WHERE root_id = ? AND level = ? LIMIT 1').bind(committee.id, body.level).first();
        if (!known) throw new ApiError('INVALID_REQUEST', `no 上缴 share names ${body.level}: add its share first (POST /api/remittances/shares)`);
      }
      const at = new Date().toISOString();
      const note = body.note ?? null;
      try {
        await writeAudited(c.env, auth, { action: 'remittance.record', orgId: committee.id, details: { year, level: body.level, kind: body.kind, paidOn: body.paidOn, amountFen: body.amountFen, voucher: body.voucher } }, () => [
          db.prepare('INSERT INTO remittances (root_id, year, level, kind, paid_on, amount_fen, voucher, note, token_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .bind(committee.id, year, body.level, body.kind, body.paidOn, body.amountFen, body.voucher, note, auth.tokenId, at),
        ]);
      } catch (e) {
        if (/UNIQUE constraint failed: remittances/.test(String(e))) throw new ApiError('CONFLICT', `voucher ${body.voucher} is already recorded`);
        throw e;
      }
      const row = await db.prepare('SELECT id, year, level, kind, paid_on, amount_fen, voucher, note, created_at FROM remittances WHERE root_id = ? AND voucher = ?')
        .bind(committee.id, body.voucher).first<Parameters<typeof remittanceAnswer>[0]>();
      return c.json(remittanceAnswer(row!), 201);
    },
  );
  return r;
}
