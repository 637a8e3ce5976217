/**
 * Access tokens (admin). A token is shown once, at issue; only its SHA-256 is kept. Revoking
 * sets revoked_at, which the next request already sees (no caching anywhere).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { IssuedTokenSchema, TokenInfoSchema } from '../../../shared/api/answers';
import { RoleSchema } from '../../../shared/api/contract';
import { ApiError, notFound } from '../errors';
import { requireRole } from '../auth';
import { writeAudited } from '../audit';
import { newToken, sha256Hex } from '../crypto';
import { orgInScope } from '../orgs';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';
import { scrubIds } from '../submissions/rows';

const IssueToken = z.object({ orgCode: z.string().trim().min(1).max(64), role: RoleSchema, label: z.string().trim().max(200).default('') });
const TokenInfo = TokenInfoSchema;

export function tokensRouter() {
  const r = router();

  r.openapi(
    createRoute({ method: 'get', path: '/', security: bearer, tags: ['tokens'], summary: 'Tokens of your subtree (admin; never the secrets)', responses: { 200: jsonOk(z.array(TokenInfo)), ...commonErrors } }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin');
      const rows = await c.env.DB.prepare(
        `SELECT t.id, o.code AS orgCode, t.role, t.label, t.created_at AS createdAt, t.revoked_at AS revokedAt
           FROM tokens t JOIN orgs o ON o.id = t.org_id WHERE o.path LIKE ? ORDER BY t.id`,
      ).bind(`${auth.org.path}%`).all<z.infer<typeof TokenInfo>>();
      return c.json(rows.results, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['tokens'], summary: 'Issue a token for an organisation and role (admin)',
      request: { body: jsonBody(IssueToken) }, responses: { 201: jsonOk(IssuedTokenSchema, 'Issued'), ...commonErrors, 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin');
      const input = c.req.valid('json');
      const body = { ...input, label: scrubIds(input.label) };
      const db = c.env.DB;
      const org = await orgInScope(db, auth, body.orgCode);
      if (body.role === 'clerk' && org.kind !== '党支部') throw new ApiError('INVALID_REQUEST', 'a clerk token belongs to a 党支部');
      const token = newToken();
      const hash = await sha256Hex(token);
      const createdAt = new Date().toISOString();
      await writeAudited(c.env, auth, { action: 'token.issue', orgId: org.id, details: { role: body.role, label: body.label, hashPrefix: hash.slice(0, 12) } }, () => [
        db.prepare('INSERT INTO tokens (hash, org_id, role, label, created_at) VALUES (?, ?, ?, ?, ?)').bind(hash, org.id, body.role, body.label, createdAt),
      ]);
      const row = await db.prepare('SELECT id FROM tokens WHERE hash = ?').bind(hash).first<{ id: number }>();
      return c.json({ id: row?.id ?? 0, orgCode: org.code, role: body.role, label: body.label, createdAt, revokedAt: null, token }, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete', path: '/{id}', security: bearer, tags: ['tokens'], summary: 'Revoke a token (admin); immediate',
      request: { params: z.object({ id: z.coerce.number().int().min(1) }) }, responses: { 200: jsonOk(TokenInfo), ...commonErrors, 409: errorResponse('CONFLICT: the committee’s last admin token') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin');
      const db = c.env.DB;
      const id = c.req.valid('param').id;
      const row = await db.prepare(
        `SELECT t.id, o.code AS orgCode, o.id AS orgId, o.path, t.role, t.label, t.created_at AS createdAt, t.revoked_at AS revokedAt
           FROM tokens t JOIN orgs o ON o.id = t.org_id WHERE t.id = ?`,
      ).bind(id).first<z.infer<typeof TokenInfo> & { path: string; orgId: number }>();
      if (!row || !row.path.startsWith(auth.org.path)) throw notFound('token');
      const { path: _p, orgId, ...info } = row;
      if (info.revokedAt) return c.json(info, 200);
      const revokedAt = new Date().toISOString();
      try {
        await writeAudited(c.env, auth, { action: 'token.revoke', orgId, details: { tokenId: id, role: info.role } }, () => [
          db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').bind(revokedAt, id),
        ]);
      } catch (e) {
        // Refused by the database (migration 0010): nothing was revoked and no event written.
        if (/last admin token of the committee/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) {
          throw new ApiError('CONFLICT', 'this is the committee’s last admin token: issue another admin token for the 党委 first, then revoke this one');
        }
        throw e;
      }
      return c.json({ ...info, revokedAt }, 200);
    },
  );

  return r;
}
