/**
 * The environment: Hono typing for the app (the Workers bindings and what middleware puts on the
 * context), and the one check of the worker's secrets.
 */
import type { Role, OrgKind } from '../../shared/api/contract';
import { ApiError } from './errors';

export interface OrgRow {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  parent_id: number | null;
  root_id: number;
  path: string;
}

export interface Auth {
  tokenId: number;
  role: Role;
  org: OrgRow;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { auth: Auth };
}

/**
 * The worker's secrets (`wrangler secret put`): ID_HMAC_KEY keys the ID hashes and the report
 * links, AUDIT_HMAC_KEY the audit chain. A missing or short one would make hashes guessable and
 * links or the chain forgeable, so whatever needs it is refused (500 INTERNAL) rather than done
 * with a weak key; routes that need no secret keep working.
 */
export type SecretName = 'ID_HMAC_KEY' | 'AUDIT_HMAC_KEY';

export function secret(env: Partial<Record<SecretName, string>>, name: SecretName): string {
  const key = env[name];
  if (!key || key.length < 16) throw new ApiError('INTERNAL', `the server is not configured (${name})`);
  return key;
}
