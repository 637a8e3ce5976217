/**
 * Quarter locks. Finance (or an administrator) locks a quarter for an org in their subtree after
 * its deadline; the lock covers the org's whole subtree. Only an unlock — audited like the lock,
 * by the organisation that set it or one above it — reopens it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { LockInfoSchema, UnlockedSchema } from '../../../shared/api/answers';
import { QuarterSchema } from '../../../shared/api/contract';
import { ApiError, forbidden } from '../errors';
import { requireRole } from '../auth';
import { writeAudited } from '../audit';
import { byPath, orgInScope, pathIds } from '../orgs';
import { bearer, commonErrors, errorResponse, jsonOk, router } from '../router';
import { scrubOptional } from '../submissions/rows';

const LockInfo = LockInfoSchema;
const Params = z.object({ org: z.string().min(1).max(64), quarter: QuarterSchema });

export function locksRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['locks'], summary: 'Locks that apply to your subtree in a quarter (incl. ancestors’)',
      request: { query: z.object({ quarter: QuarterSchema }) }, responses: { 200: jsonOk(z.array(LockInfo)), ...commonErrors },
    }),
    async (c) => {
      const { org } = c.get('auth');
      const { quarter } = c.req.valid('query');
      const ids = pathIds(org);
      const rows = await c.env.DB.prepare(
        `SELECT o.code AS orgCode, o.path, l.quarter, l.note, l.at FROM locks l JOIN orgs o ON o.id = l.org_id
          WHERE l.quarter = ? AND (o.path LIKE ? OR o.id IN (${ids.map(() => '?').join(',')}))`,
      ).bind(quarter, `${org.path}%`, ...ids).all<z.infer<typeof LockInfo> & { path: string }>();
      // Tree order (numeric ids along the path), not the path as text; the path stays internal.
      return c.json(rows.results.sort(byPath).map(({ path: _path, ...lock }) => lock), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'put', path: '/{org}/{quarter}', security: bearer, tags: ['locks'], summary: 'Lock a quarter for an org’s subtree (finance, admin)',
      request: { params: Params, body: { required: false, content: { 'application/json': { schema: z.object({ note: z.string().max(500).optional() }) } } } },
      responses: { 200: jsonOk(LockInfo), ...commonErrors, 409: errorResponse('CONFLICT: already locked') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'finance', 'admin');
      const { org: code, quarter } = c.req.valid('param');
      const note = scrubOptional((c.req.valid('json') as { note?: string } | undefined)?.note);
      const db = c.env.DB;
      const org = await orgInScope(db, auth, code);
      if (await db.prepare('SELECT 1 FROM locks WHERE org_id = ? AND quarter = ?').bind(org.id, quarter).first()) {
        throw new ApiError('CONFLICT', `${quarter} is already locked for ${org.code}`);
      }
      const at = new Date().toISOString();
      try {
        await writeAudited(c.env, auth, { action: 'quarter.lock', orgId: org.id, quarter, details: { note } }, () => [
          db.prepare('INSERT INTO locks (org_id, quarter, note, token_id, at) VALUES (?, ?, ?, ?, ?)').bind(org.id, quarter, note, auth.tokenId, at),
        ]);
      } catch (e) {
        if (/UNIQUE constraint failed: locks/.test(String(e))) throw new ApiError('CONFLICT', `${quarter} is already locked for ${org.code}`);
        throw e;
      }
      return c.json({ orgCode: org.code, quarter, note, at }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete', path: '/{org}/{quarter}', security: bearer, tags: ['locks'], summary: 'Unlock (finance, admin; audited)',
      request: { params: Params }, responses: { 200: jsonOk(UnlockedSchema), ...commonErrors, 409: errorResponse('CONFLICT: not locked') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'finance', 'admin');
      const { org: code, quarter } = c.req.valid('param');
      const db = c.env.DB;
      const org = await orgInScope(db, auth, code);
      const lock = await db.prepare(
        `SELECT o.path, o.code FROM locks l LEFT JOIN tokens t ON t.id = l.token_id LEFT JOIN orgs o ON o.id = t.org_id
          WHERE l.org_id = ? AND l.quarter = ?`,
      ).bind(org.id, quarter).first<{ path: string | null; code: string | null }>();
      if (!lock) throw new ApiError('CONFLICT', `${quarter} is not locked for ${org.code}`);
      // A lock set from above (the 党委 locking a 总支) is lifted from there, not by the 总支 itself.
      if (lock.path !== null && !lock.path.startsWith(auth.org.path)) {
        throw forbidden(`this lock was set by ${lock.code ?? 'an organisation above yours'}; only it or an organisation above it may lift it`);
      }
      await writeAudited(c.env, auth, { action: 'quarter.unlock', orgId: org.id, quarter }, () => [
        db.prepare('DELETE FROM locks WHERE org_id = ? AND quarter = ?').bind(org.id, quarter),
      ]);
      return c.json({ orgCode: org.code, quarter, unlocked: true as const }, 200);
    },
  );
  return r;
}
