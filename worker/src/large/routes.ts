/**
 * GET /api/rollups/{period}/large?org=CODE — the roll-up's 大额党费 list: every payment per member
 * and month in the subtree (masked IDs), with its total; kept apart from the regular totals
 * (2008规定 第十一条). Finance and leaders, as the workbook that lists them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { LargeDuesListSchema } from '../../../shared/api/accounts';
import { PeriodSchema } from '../../../shared/api/contract';
import { requireRole } from '../auth';
import { orgInScope } from '../orgs';
import { bearer, commonErrors, jsonOk, router } from '../router';
import { readLargeLines } from './read';

export function largeDuesRouter() {
  const r = router();
  r.openapi(
    createRoute({
      method: 'get', path: '/{period}/large', security: bearer, tags: ['rollups'], summary: '大额党费 per member and month in the period (finance, leader)',
      request: { params: z.object({ period: PeriodSchema }), query: z.object({ org: z.string().min(1).max(64).optional() }) },
      responses: { 200: jsonOk(LargeDuesListSchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'finance', 'leader');
      const org = await orgInScope(c.env.DB, auth, c.req.valid('query').org);
      const period = c.req.valid('param').period;
      const lines = await readLargeLines(c.env.DB, org, period);
      return c.json({ org: org.code, period, totalFen: lines.reduce((t, l) => t + l.largeFen, 0), lines }, 200);
    },
  );
  return r;
}
