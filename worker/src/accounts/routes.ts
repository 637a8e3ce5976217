/**
 * The year's accounts (mounted at /api/accounts), finance and admin of the 党委 only:
 *   GET  /{year}           收支结存: 上年结存, 收缴, 下拨, 利息, 上缴, 使用, 结存, the identity checked, the items
 *   POST /{year}/entries   record 上年结存 (once a year), a 下拨, interest, or a 使用 (purpose from
 *                          2008规定 第十九条, decided collectively: 第二十条)
 * A write is one batch with its audit event.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { EntryAnswerSchema, EntryRequestSchema, YearAccountsSchema } from '../../../shared/api/accounts';
import { YearSchema } from '../../../shared/api/contract';
import { isoFromDate } from '../../../shared/dates';
import { writeAudited } from '../audit';
import { ApiError } from '../errors';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';
import { checkYear, committeeOfAccounts } from './access';
import { ENTRY_COLS, entryAnswer, loadYearAccounts } from './store';

const YearParam = z.object({ year: YearSchema });

export function accountsRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get', path: '/{year}', security: bearer, tags: ['accounts'], summary: 'The year’s 收支结存 (finance, admin of the 党委)',
      request: { params: YearParam }, responses: { 200: jsonOk(YearAccountsSchema), ...commonErrors },
    }),
    async (c) => {
      const committee = committeeOfAccounts(c.get('auth'));
      const { year } = c.req.valid('param');
      const why = checkYear(year, isoFromDate(new Date()));
      if (why) throw new ApiError('INVALID_REQUEST', why);
      return c.json(await loadYearAccounts(c.env.DB, committee, year), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{year}/entries', security: bearer, tags: ['accounts'], summary: 'Record 上年结存, 下拨, 利息 or a 使用',
      request: { params: YearParam, body: jsonBody(EntryRequestSchema) },
      responses: { 201: jsonOk(EntryAnswerSchema, 'The entry recorded'), ...commonErrors, 409: errorResponse('CONFLICT: voucher or 上年结存 already recorded'), 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      const committee = committeeOfAccounts(auth);
      const { year } = c.req.valid('param');
      const e = c.req.valid('json');
      const today = isoFromDate(new Date());
      const why = checkYear(year, today);
      if (why) throw new ApiError('INVALID_REQUEST', why);
      if (e.on.slice(0, 4) !== year) throw new ApiError('INVALID_REQUEST', `an entry of ${year} is dated in ${year}, not ${e.on}`);
      if (e.on > today) throw new ApiError('INVALID_REQUEST', `${e.on} is after today (${today}): record an entry once it happened`);
      const db = c.env.DB;
      if (e.kind === 'opening' && await db.prepare("SELECT 1 FROM account_entries WHERE root_id = ? AND year = ? AND kind = 'opening'").bind(committee.id, year).first()) {
        throw new ApiError('CONFLICT', `上年结存 of ${year} is already recorded (entries are never edited)`);
      }
      const at = new Date().toISOString();
      const v = { purpose: e.purpose ?? null, decidedOn: e.decidedOn ?? null, source: e.source ?? null, note: e.note ?? null };
      try {
        await writeAudited(c.env, auth, { action: 'accounts.entry', orgId: committee.id, details: { year, kind: e.kind, on: e.on, amountFen: e.amountFen, voucher: e.voucher, purpose: v.purpose, decidedOn: v.decidedOn } }, () => [
          db.prepare(`INSERT INTO account_entries (root_id, year, kind, on_date, amount_fen, voucher, purpose, decided_on, source, note, token_id, created_at)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .bind(committee.id, year, e.kind, e.on, e.amountFen, e.voucher, v.purpose, v.decidedOn, v.source, v.note, auth.tokenId, at),
        ]);
      } catch (err) {
        const text = String(err);
        if (/UNIQUE constraint failed: account_entries\.root_id, account_entries\.voucher/.test(text)) throw new ApiError('CONFLICT', `voucher ${e.voucher} is already recorded`);
        if (/UNIQUE constraint failed: account_entries\.root_id, account_entries\.year/.test(text)) throw new ApiError('CONFLICT', `上年结存 of ${year} is already recorded`);
        throw err;
      }
      const row = await db.prepare(`SELECT ${ENTRY_COLS} FROM account_entries WHERE root_id = ? AND voucher = ?`).bind(committee.id, e.voucher).first<Parameters<typeof entryAnswer>[0]>();
      return c.json(entryAnswer(row!), 201);
    },
  );
  return r;
}
