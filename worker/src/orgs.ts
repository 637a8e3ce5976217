/** Reading the organisation tree: by code, subtrees by materialised path, ancestors. */
import type { OrgKind } from '../../shared/api/contract';
import type { Auth, OrgRow } from './env';
import { notFound } from './errors';

const COLS = 'id, code, name, kind, parent_id, root_id, path';

/** Codes are unique within a committee (root), so a code is always looked up in one. */
export async function orgByCode(db: D1Database, rootId: number, code: string): Promise<OrgRow | null> {
  return db.prepare(`SELECT ${COLS} FROM orgs WHERE root_id = ? AND code = ?`).bind(rootId, code).first<OrgRow>();
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
  const org = await orgByCode(db, auth.org.root_id, code);
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

/**
 * Paths compared id by id as numbers: parents before children, siblings in creation order.
 * SQL's ORDER BY path compares text, which puts '/1/2/10/' before '/1/2/3/'.
 */
export function byPath(a: Pick<OrgRow, 'path'>, b: Pick<OrgRow, 'path'>): number {
  const x = pathIds(a);
  const y = pathIds(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Nests the rows of a subtree under `root`, each org's children in creation order. */
export function nest(rows: readonly OrgRow[], root: OrgRow): OrgTree {
  const byId = new Map<number, OrgTree>();
  const top: OrgTree = { id: root.id, code: root.code, name: root.name, kind: root.kind, children: [] };
  byId.set(root.id, top);
  for (const r of rows.slice().sort(byPath)) {
    if (r.id === root.id) continue;
    const node: OrgTree = { id: r.id, code: r.code, name: r.name, kind: r.kind, children: [] };
    byId.set(r.id, node);
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    if (parent) parent.children.push(node);
  }
  return top;
}
