/**
 * Roll-ups for a quarter or a year at any node of your subtree, from precomputed branch rows;
 * drill-down to a branch's members; cross-branch checks. Clerks see their own branch only.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CrossBranchChecksSchema, RollupMembersAnswerSchema, RollupNodeDocSchema } from '../../../shared/api/answers';
import { PeriodSchema, QuarterSchema } from '../../../shared/api/contract';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { orgInScope } from '../orgs';
import { SEES_BASE, readChecks, readMembers, readRollup } from './read';
import { bearer, commonErrors, jsonOk, router } from '../router';

const OrgQuery = z.object({ org: z.string().min(1).max(64).optional().describe('Node code; default: your own organisation') });

export function rollupsRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get', path: '/{period}', security: bearer, tags: ['rollups'], summary: 'Roll-up tree of a node for a quarter (2026Q3) or year (2026)',
      request: { params: z.object({ period: PeriodSchema }), query: OrgQuery },
      responses: { 200: jsonOk(RollupNodeDocSchema), ...commonErrors },
    }),
    async (c) => {
      const root = await orgInScope(c.env.DB, c.get('auth'), c.req.valid('query').org);
      return c.json(await readRollup(c.env.DB, root, c.req.valid('param').period), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{period}/members', security: bearer, tags: ['rollups'], summary: 'A branch’s members in the period (masked IDs; base for clerk/finance only)',
      request: { params: z.object({ period: PeriodSchema }), query: z.object({ org: z.string().min(1).max(64).optional() }) },
      responses: { 200: jsonOk(RollupMembersAnswerSchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const org = await orgInScope(c.env.DB, auth, c.req.valid('query').org);
      if (org.kind !== '党支部') throw new ApiError('INVALID_REQUEST', 'members are listed per 党支部; name a branch with ?org=');
      const period = c.req.valid('param').period;
      return c.json({ branch: org.code, period, members: await readMembers(c.env.DB, org, period, SEES_BASE(auth)) }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{quarter}/checks', security: bearer, tags: ['rollups'], summary: 'Cross-branch checks: same person in two branches; vanished without a transfer note',
      request: { params: z.object({ quarter: QuarterSchema }), query: OrgQuery },
      responses: { 200: jsonOk(CrossBranchChecksSchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'finance', 'leader', 'admin');
      const root = await orgInScope(c.env.DB, auth, c.req.valid('query').org);
      return c.json(await readChecks(c.env.DB, root, c.req.valid('param').quarter), 200);
    },
  );
  return r;
}
