/** The audit log (admin, finance): events concerning your subtree, and a verification of the chain. */
import { createRoute, z } from '@hono/zod-openapi';
import { AuditEventSchema, AuditVerifySchema } from '../../../shared/api/answers';
import { requireRole } from '../auth';
import { verifyChain } from '../audit';
import { bearer, commonErrors, jsonOk, router } from '../router';


export function auditRouter() {
  const r = router();
  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['audit'], summary: 'Audit events about your subtree, oldest first',
      request: { query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
      responses: { 200: jsonOk(z.array(AuditEventSchema)), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin', 'finance');
      const { after, limit } = c.req.valid('query');
      const rows = await c.env.DB.prepare(
        `SELECT a.seq, a.at, a.role, a.action, o.code AS orgCode, a.quarter, a.content, a.hash, a.prev_hash AS prevHash
           FROM audit_events a LEFT JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs ao ON ao.id = a.actor_org
          WHERE a.seq > ?1 AND (o.path LIKE ?2 || '%' OR ao.path LIKE ?2 || '%') ORDER BY a.seq LIMIT ?3`,
      ).bind(after, auth.org.path, limit).all<{ seq: number; at: string; role: string | null; action: string; orgCode: string | null; quarter: string | null; content: string; hash: string; prevHash: string }>();
      return c.json(rows.results.map(({ content, ...e }) => ({ ...e, details: (JSON.parse(content) as { details: unknown }).details })), 200);
    },
  );
  r.openapi(
    createRoute({ method: 'get', path: '/verify', security: bearer, tags: ['audit'], summary: 'Recompute the hash chain; your subtree’s event count and head, and where it breaks, if anywhere', responses: { 200: jsonOk(AuditVerifySchema), ...commonErrors } }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin', 'finance');
      // One database may serve several committees and the chain runs through all of them: it is
      // verified whole, but the answer speaks only of the caller's subtree (as the listing does),
      // so no token learns how busy another committee is or the global head.
      return c.json(await verifyChain(c.env.DB, auth.org), 200);
    },
  );
  return r;
}
