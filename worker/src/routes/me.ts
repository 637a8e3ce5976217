/** GET /api/me: who the token is (role, organisation, committee) — the pane's first call. */
import { createRoute } from '@hono/zod-openapi';
import { MeSchema, type OrgBrief } from '../../../shared/api/answers';
import { bearer, commonErrors, jsonOk, router } from '../router';

export function meRouter() {
  const r = router();
  r.openapi(
    createRoute({ method: 'get', path: '/', security: bearer, tags: ['access'], summary: 'The token’s role and organisation', responses: { 200: jsonOk(MeSchema), 401: commonErrors[401] } }),
    async (c) => {
      const { role, org } = c.get('auth');
      const root = org.root_id === org.id ? org : await c.env.DB.prepare('SELECT code, name, kind FROM orgs WHERE id = ?').bind(org.root_id).first<OrgBrief>();
      if (!root) throw new Error('committee row missing');
      return c.json({ role, org: { code: org.code, name: org.name, kind: org.kind }, committee: { code: root.code, name: root.name, kind: root.kind } }, 200);
    },
  );
  return r;
}
