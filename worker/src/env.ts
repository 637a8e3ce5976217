/** Hono typing for the app: the Workers bindings and what middleware puts on the context. */
import type { Role, OrgKind } from '../../shared/api/contract';

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
