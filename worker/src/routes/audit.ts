/** The audit log (admin, finance): events concerning your subtree, and a verification of the chain. */
import { createRoute, z } from '@hono/zod-openapi';
import { AuditEventSchema, AuditVerifySchema } from '../../../shared/api/answers';
import { requireRole } from '../auth';
import { isAnchor, verifyChain } from '../audit';
import { bearer, commonErrors, jsonOk, router } from '../router';

const VerifyQuery = z.object({ anchor: z.string().max(100).refine(isAnchor, 'anchor looks like 123:<64 hex>').optional() });

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
    createRoute({
      method: 'get', path: '/verify', security: bearer, tags: ['audit'], summary: 'Recompute your committee’s keyed chain (never sealing); your subtree’s event count and head, and where it breaks, if anywhere',
      request: { query: VerifyQuery }, responses: { 200: jsonOk(AuditVerifySchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin', 'finance');
      // Each committee has its own chain: only the caller's is walked, and the answer speaks only
      // of the caller's subtree (as the listing does).
      return c.json(await verifyChain(c.env, auth.org, c.req.valid('query').anchor), 200);
    },
  );
  return r;
}
