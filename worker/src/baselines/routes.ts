/**
 * The year's baseline (年初核定, 2017通知; dues-standard.md §4). The branch's clerk fixes each
 * member's approved base and monthly due for the year from the workbook, and records a change
 * with its reason when pay changes (2008规定 第十条). Re-fixing a fixed year adds new members
 * (joined, arrived) and keeps the rest; a member whose figures differ is refused
 * (BASELINE_ALREADY_FIXED): that goes through a recorded change. Clerks read their branch, finance
 * their subtree; an administrator reads it without the bases (income: clerk and finance only,
 * design.md). Every write is one D1 batch with its audit event.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { BaselineChangeRequestSchema, BaselineFixRequestSchema, BaselineSchema } from '../../../shared/api/baseline';
import { YearSchema } from '../../../shared/api/contract';
import { maskId } from '../../../shared/idcard';
import { formatYuan } from '../../../shared/money';
import { changeProblems, fixProblems } from '../../../shared/year/baseline-rules';
import { figuresFor } from '../../../shared/year/baseline';
import type { Auth } from '../env';
import { ApiError, notFound } from '../errors';
import { requireRole } from '../auth';
import { auditStatement, sealAfterWrite } from '../audit';
import { orgInScope } from '../orgs';
import { scrubIds } from '../submissions/rows';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';
import { idKey, requireBranchClerk } from '../approvals/routes';
import { baselineRows, changeOf, insertBaselineStatements, readBaseline, type BaselineLine } from './store';

const YearParam = z.object({ year: YearSchema });

const raced = (e: unknown) => /UNIQUE constraint failed: year_baselines/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`);
const fen = (v: number | null) => (v === null ? '—' : formatYuan(v));

/** Who reads bases: the clerk and finance (income, design.md); an administrator sees dues only; a leader nothing. */
function readsBases(auth: Auth): boolean {
  requireRole(auth, 'clerk', 'finance', 'admin');
  return auth.role !== 'admin';
}

export function baselinesRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['baselines'], summary: 'Fix the year’s baseline of your branch from the workbook (clerk): 核定本年度党费',
      request: { body: jsonBody(BaselineFixRequestSchema) },
      responses: {
        201: jsonOk(BaselineSchema, 'Fixed, or new members added'), 200: jsonOk(BaselineSchema, 'Every member already fixed with the same figures: nothing stored'), ...commonErrors,
        409: errorResponse('NOT_A_BRANCH; BASELINE_ALREADY_FIXED (details.members: the fixed and the sent figures); CONFLICT: fixed meanwhile'),
        413: errorResponse('PAYLOAD_TOO_LARGE'), 422: errorResponse('INVALID_REQUEST (details.problems)'),
      },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireBranchClerk(auth);
      const req = c.req.valid('json');
      const problems = fixProblems(req);
      if (problems.length) throw new ApiError('INVALID_REQUEST', problems.join('; '), { problems });
      const db = c.env.DB;
      const hmacs = await Promise.all(req.members.map((m) => idKey(c.env, m.idNumber)));
      const { rows } = await baselineRows(db, auth.org.id, req.year);
      const byHmac = new Map(rows.map((x) => [x.id_hmac, x]));
      const differing: { member: string; name: string; fixed: { baseFen: number | null; dueFen: number }; sent: { baseFen: number | null; dueFen: number } }[] = [];
      const lines: BaselineLine[] = [];
      req.members.forEach((m, i) => {
        const had = byHmac.get(hmacs[i]!);
        if (!had) {
          lines.push([hmacs[i]!, maskId(m.idNumber), scrubIds(m.name), m.category, m.baseFen, m.dueFen]);
        } else if (had.base_fen !== m.baseFen || had.due_fen !== m.dueFen) {
          differing.push({ member: had.id_masked, name: had.name, fixed: { baseFen: had.base_fen, dueFen: had.due_fen }, sent: { baseFen: m.baseFen, dueFen: m.dueFen } });
        }
      });
      if (differing.length) {
        const first = differing[0]!;
        throw new ApiError(
          'BASELINE_ALREADY_FIXED',
          `${req.year} is already fixed for ${differing.length} of these members with other figures (${first.name}: base ${fen(first.fixed.baseFen)} / due ${fen(first.fixed.dueFen)} fixed, ${fen(first.sent.baseFen)} / ${fen(first.sent.dueFen)} sent); record a change with its reason instead`,
          { members: differing.slice(0, 200) },
        );
      }
      if (lines.length) {
        const at = new Date().toISOString();
        try {
          await db.batch([
            ...insertBaselineStatements(db, auth.org.id, req.year, auth.tokenId, at, lines),
            await auditStatement(c.env, auth, {
              action: rows.length ? 'baseline.extend' : 'baseline.fix', orgId: auth.org.id,
              details: { year: req.year, added: lines.length, dueFen: lines.reduce((s, l) => s + l[5], 0) },
            }, at),
          ]);
        } catch (e) {
          if (raced(e)) throw new ApiError('CONFLICT', `${req.year}'s baseline was fixed meanwhile; read it and send again`);
          throw e;
        }
        await sealAfterWrite(c.env);
      }
      const out = { ...(await readBaseline(db, auth.org, req.year, true)), added: lines.length };
      return lines.length ? c.json(out, 201) : c.json(out, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{year}', security: bearer, tags: ['baselines'], summary: 'A branch’s baseline of the year with its recorded changes (clerk: own branch; finance, admin: subtree)',
      request: { params: YearParam, query: z.object({ org: z.string().min(1).max(64).optional() }) },
      responses: { 200: jsonOk(BaselineSchema), ...commonErrors, 422: errorResponse('INVALID_REQUEST: not a branch') },
    }),
    async (c) => {
      const auth = c.get('auth');
      const withBases = readsBases(auth);
      const org = await orgInScope(c.env.DB, auth, c.req.valid('query').org);
      if (org.kind !== '党支部') throw new ApiError('INVALID_REQUEST', 'a baseline is kept per 党支部; name a branch with ?org=');
      return c.json(await readBaseline(c.env.DB, org, c.req.valid('param').year, withBases), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{year}/changes', security: bearer, tags: ['baselines'], summary: 'Record a change of a member’s base or due from a month on, with the reason (clerk)',
      request: { params: YearParam, body: jsonBody(BaselineChangeRequestSchema) },
      responses: {
        201: jsonOk(BaselineSchema), ...commonErrors, 409: errorResponse('NOT_A_BRANCH'),
        422: errorResponse('INVALID_REQUEST: month outside the year, the same figures as in force, or the year not fixed'),
      },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireBranchClerk(auth);
      const year = c.req.valid('param').year;
      const req = c.req.valid('json');
      const problems = changeProblems(year, req);
      if (problems.length) throw new ApiError('INVALID_REQUEST', problems.join('; '), { problems });
      const db = c.env.DB;
      const hmac = await idKey(c.env, req.idNumber);
      const { rows, changes } = await baselineRows(db, auth.org.id, year);
      if (!rows.length) throw new ApiError('INVALID_REQUEST', `${year} has no baseline yet; fix it (核定本年度党费) before recording changes`);
      const row = rows.find((x) => x.id_hmac === hmac);
      if (!row) throw notFound(`member ${maskId(req.idNumber)} in ${year}'s baseline`);
      const now = figuresFor(req.fromMonth, { baseFen: row.base_fen, dueFen: row.due_fen }, (changes.get(hmac) ?? []).map(changeOf));
      if (now.baseFen === req.baseFen && now.dueFen === req.dueFen) {
        throw new ApiError('INVALID_REQUEST', `${row.name}'s figures in ${req.fromMonth} are already base ${fen(now.baseFen)} / due ${fen(now.dueFen)}: nothing to change`);
      }
      const reason = scrubIds(req.reason);
      const at = new Date().toISOString();
      await db.batch([
        db.prepare('INSERT INTO baseline_changes (org_id, year, id_hmac, from_month, base_fen, due_fen, reason, token_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .bind(auth.org.id, year, hmac, req.fromMonth, req.baseFen, req.dueFen, reason, auth.tokenId, at),
        await auditStatement(c.env, auth, {
          action: 'baseline.change', orgId: auth.org.id,
          details: { year, member: row.id_masked, fromMonth: req.fromMonth, from: { dueFen: now.dueFen }, to: { dueFen: req.dueFen }, reason },
        }, at),
      ]);
      await sealAfterWrite(c.env);
      return c.json(await readBaseline(db, auth.org, year, true), 201);
    },
  );
  return r;
}
