/**
 * Bearer-token authentication. The token's SHA-256 is looked up on every request (no cache),
 * so a revocation takes effect at once. Role and organisation come from the token only.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../shared/api/contract';
import type { AppEnv, Auth, OrgRow } from './env';
import { ApiError, forbidden } from './errors';
import { sha256Hex } from './crypto';

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const m = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  if (!m) throw new ApiError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer …)');
  const hash = await sha256Hex(m[1] as string);
  const row = await c.env.DB.prepare(
    `SELECT t.id AS token_id, t.role, t.revoked_at, o.id, o.code, o.name, o.kind, o.parent_id, o.root_id, o.path
       FROM tokens t JOIN orgs o ON o.id = t.org_id WHERE t.hash = ?`,
  ).bind(hash).first<OrgRow & { token_id: number; role: Role; revoked_at: string | null }>();
  if (!row || row.revoked_at) throw new ApiError('UNAUTHENTICATED', 'unknown or revoked token');
  const { token_id, role, revoked_at: _r, ...org } = row;
  c.set('auth', { tokenId: token_id, role, org });
  await next();
};

/** 403 unless the token has one of these roles. Checked before any resource lookup. */
export function requireRole(auth: Auth, ...roles: Role[]): void {
  if (!roles.includes(auth.role)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
}
