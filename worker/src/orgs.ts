/** Reading the organisation tree: by code, subtrees by materialised path, ancestors. */
import type { OrgKind } from '../../shared/api/contract';
import type { Auth, OrgRow } from './env';
import { notFound } from './errors';

const COLS = 'id, code, name, kind, parent_id, root_id, path';

export async function orgByCode(db: D1Database, code: string): Promise<OrgRow | null> {
  return db.prepare(`SELECT ${COLS} FROM orgs WHERE code = ?`).bind(code).first<OrgRow>();
}

export function inSubtree(org: Pick<OrgRow, 'path'>, root: Pick<OrgRow, 'path'>): boolean {
  return org.path.startsWith(root.path);
}

/**
 * The org named by `code` if the token may see it (its own subtree), else 404 — the same answer
 * as for a code that does not exist, so nothing leaks about other branches.
 */
export async function orgInScope(db: D1Database, auth: Auth, code: string | undefined): Promise<OrgRow> {
  if (!code || code === auth.org.code) return auth.org;
  const org = await orgByCode(db, code);
  if (!org || !inSubtree(org, auth.org)) throw notFound('organisation');
  return org;
}

export async function subtreeOrgs(db: D1Database, root: OrgRow): Promise<OrgRow[]> {
  const r = await db.prepare(`SELECT ${COLS} FROM orgs WHERE path LIKE ? ORDER BY path`).bind(`${root.path}%`).all<OrgRow>();
  return r.results;
}

/** Ids on the path from the root to this org, itself included (from the materialised path). */
export function pathIds(org: Pick<OrgRow, 'path'>): number[] {
  return org.path.split('/').filter(Boolean).map(Number);
}

export interface OrgTree {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  children: OrgTree[];
}

/** Nests a path-ordered list of rows under `root`. */
export function nest(rows: readonly OrgRow[], root: OrgRow): OrgTree {
  const byId = new Map<number, OrgTree>();
  const top: OrgTree = { id: root.id, code: root.code, name: root.name, kind: root.kind, children: [] };
  byId.set(root.id, top);
  for (const r of rows) {
    if (r.id === root.id) continue;
    const node: OrgTree = { id: r.id, code: r.code, name: r.name, kind: r.kind, children: [] };
    byId.set(r.id, node);
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    if (parent) parent.children.push(node);
  }
  return top;
}
