/**
 * The organisation tree. Everyone reads their own subtree; an administrator creates and changes
 * orgs inside theirs. A new 党委 (a new committee) is created by bootstrap, not through the API.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { OrgSchema, OrgTreeDocSchema, type OrgTree as OrgTreeAnswer } from '../../../shared/api/answers';
import { OrgNameSchema } from '../../../shared/api/contract';
import type { OrgRow } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth';
import { writeAudited } from '../audit';
import { nest, orgInScope, pathIds, subtreeOrgs, type OrgTree } from '../orgs';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';

const CodeSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'code: letters, digits, _ . -');
const NameSchema = OrgNameSchema;

/** Recursive zod schemas cannot be rendered into the OpenAPI document: the document shows OrgTreeDocSchema. */
const strip = (t: OrgTree): OrgTreeAnswer => ({ code: t.code, name: t.name, kind: t.kind, children: t.children.map(strip) });

const CreateOrg = z.object({ code: CodeSchema, name: NameSchema, kind: z.enum(['党总支', '党支部']), parentCode: CodeSchema });
const PatchOrg = z.object({ name: NameSchema.optional(), parentCode: CodeSchema.optional() }).refine((v) => v.name !== undefined || v.parentCode !== undefined, 'nothing to change');

/** 党总支 hang under the 党委; 党支部 under the 党委 or a 党总支. */
function checkParent(kind: string, parent: OrgRow): void {
  const ok = kind === '党总支' ? parent.kind === '党委' : parent.kind === '党委' || parent.kind === '党总支';
  if (!ok) throw new ApiError('INVALID_REQUEST', `a ${kind} cannot be placed under a ${parent.kind}`);
}

/**
 * A move must not change which locks apply to the moved subtree (moving a branch out of a locked
 * 总支, submitting and moving it back would sidestep the lock), nor leave a standing confirm/return
 * made by an org that would no longer be above the branch (the review rule would misattribute it).
 */
async function refuseEscapingMove(db: D1Database, org: OrgRow, np: OrgRow): Promise<void> {
  const oldAbove = pathIds(org).filter((id) => id !== org.id);
  const newAbove = pathIds(np);
  const ids = [...new Set([...oldAbove, ...newAbove])];
  const [locks, reviews] = await db.batch([
    db.prepare(`SELECT l.org_id, l.quarter, o.code FROM locks l JOIN orgs o ON o.id = l.org_id WHERE l.org_id IN (${ids.map(() => '?').join(',')})`).bind(...ids),
    db.prepare(
      `SELECT b.code AS branch, bq.quarter, ro.code AS reviewer, ro.path AS rpath
         FROM branch_quarters bq JOIN orgs b ON b.id = bq.org_id
         JOIN reviews r ON r.id = (SELECT MAX(x.id) FROM reviews x WHERE x.submission_id = bq.submission_id)
         JOIN tokens t ON t.id = r.token_id JOIN orgs ro ON ro.id = t.org_id
        WHERE b.path LIKE ?`,
    ).bind(`${org.path}%`),
  ]);
  const byQuarter = new Map<string, { before: string[]; after: string[] }>();
  for (const l of (locks?.results ?? []) as { org_id: number; quarter: string; code: string }[]) {
    const e = byQuarter.get(l.quarter) ?? { before: [], after: [] };
    if (oldAbove.includes(l.org_id)) e.before.push(l.code);
    if (newAbove.includes(l.org_id)) e.after.push(l.code);
    byQuarter.set(l.quarter, e);
  }
  for (const [quarter, e] of byQuarter) {
    if ((e.before.length > 0) !== (e.after.length > 0)) {
      const where = e.before.length ? `locked for ${e.before.join(', ')}, which it would leave` : `locked for ${e.after.join(', ')}, which it would join`;
      throw new ApiError('QUARTER_LOCKED', `${org.code} cannot move: ${quarter} is ${where}; unlock ${quarter} first`);
    }
  }
  for (const r of (reviews?.results ?? []) as { branch: string; quarter: string; reviewer: string; rpath: string }[]) {
    const stillAbove = r.rpath.startsWith(org.path) || np.path.startsWith(r.rpath);
    if (!stillAbove) {
      throw new ApiError('CONFLICT', `${org.code} cannot move: ${r.reviewer}'s decision on ${r.branch} ${r.quarter} stands, and ${r.reviewer} would no longer be above it`);
    }
  }
}

export function orgsRouter() {
  const r = router();

  r.openapi(
    createRoute({ method: 'get', path: '/', security: bearer, tags: ['orgs'], summary: 'Your organisation subtree', responses: { 200: jsonOk(OrgTreeDocSchema), ...commonErrors } }),
    async (c) => {
      const { org } = c.get('auth');
      return c.json(strip(nest(await subtreeOrgs(c.env.DB, org), org)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{code}', security: bearer, tags: ['orgs'], summary: 'One organisation and its subtree',
      request: { params: z.object({ code: CodeSchema }) }, responses: { 200: jsonOk(OrgTreeDocSchema), ...commonErrors },
    }),
    async (c) => {
      const org = await orgInScope(c.env.DB, c.get('auth'), c.req.valid('param').code);
      return c.json(strip(nest(await subtreeOrgs(c.env.DB, org), org)), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['orgs'], summary: 'Create a 党总支 or 党支部 (admin)',
      request: { body: jsonBody(CreateOrg) }, responses: { 201: jsonOk(OrgSchema, 'Created'), ...commonErrors, 409: errorResponse('CONFLICT: code taken'), 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin');
      const body = c.req.valid('json');
      const parent = await orgInScope(c.env.DB, auth, body.parentCode);
      checkParent(body.kind, parent);
      const db = c.env.DB;
      // Codes are unique within the committee only: another committee's codes are never a conflict.
      const taken = () => new ApiError('CONFLICT', `organisation code ${body.code} is taken in this committee`);
      if (await db.prepare('SELECT 1 FROM orgs WHERE root_id = ? AND code = ?').bind(parent.root_id, body.code).first()) throw taken();
      // The database assigns the id (concurrent creations never collide); the path, which holds the
      // id, is written in the same batch from last_insert_rowid(). The event is about the parent,
      // under which the new org appears (its id is not known before the batch runs).
      const placeholder = `${parent.path}pending-${crypto.randomUUID()}/`;
      try {
        await writeAudited(c.env, auth, { action: 'org.create', orgId: parent.id, details: { code: body.code, name: body.name, kind: body.kind, parent: parent.code } }, () => [
          db.prepare('INSERT INTO orgs (code, name, kind, parent_id, root_id, path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .bind(body.code, body.name, body.kind, parent.id, parent.root_id, placeholder, new Date().toISOString()),
          db.prepare("UPDATE orgs SET path = ? || id || '/' WHERE id = last_insert_rowid() AND path = ?").bind(parent.path, placeholder),
        ]);
      } catch (e) {
        if (/UNIQUE constraint failed: orgs\.root_id, orgs\.code/.test(`${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)) throw taken();
        throw e;
      }
      return c.json({ code: body.code, name: body.name, kind: body.kind, parentCode: parent.code }, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'patch', path: '/{code}', security: bearer, tags: ['orgs'], summary: 'Rename or move an organisation (admin)',
      request: { params: z.object({ code: CodeSchema }), body: jsonBody(PatchOrg) },
      responses: { 200: jsonOk(OrgSchema), ...commonErrors, 422: errorResponse('INVALID_REQUEST') },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin');
      const db = c.env.DB;
      const org = await orgInScope(db, auth, c.req.valid('param').code);
      const body = c.req.valid('json');
      let parent: OrgRow | null = org.parent_id === null ? null : await db.prepare('SELECT id, code, name, kind, parent_id, root_id, path FROM orgs WHERE id = ?').bind(org.parent_id).first<OrgRow>();
      const stmts: D1PreparedStatement[] = [];
      if (body.name !== undefined) stmts.push(db.prepare('UPDATE orgs SET name = ? WHERE id = ?').bind(body.name, org.id));
      if (body.parentCode !== undefined && body.parentCode !== parent?.code) {
        if (org.kind === '党委') throw new ApiError('INVALID_REQUEST', 'a 党委 cannot be moved');
        if (org.id === auth.org.id) throw new ApiError('INVALID_REQUEST', 'you cannot move your own organisation');
        const np = await orgInScope(db, auth, body.parentCode);
        if (np.path.startsWith(org.path)) throw new ApiError('INVALID_REQUEST', 'an organisation cannot move under itself');
        checkParent(org.kind, np);
        await refuseEscapingMove(db, org, np);
        const newPath = `${np.path}${org.id}/`;
        stmts.push(db.prepare('UPDATE orgs SET parent_id = ? WHERE id = ?').bind(np.id, org.id));
        // Re-root the whole subtree's materialised paths in one statement.
        stmts.push(db.prepare('UPDATE orgs SET path = ? || substr(path, ?) WHERE path LIKE ?').bind(newPath, org.path.length + 1, `${org.path}%`));
        parent = np;
      }
      if (!stmts.length) return c.json({ code: org.code, name: org.name, kind: org.kind, parentCode: parent?.code ?? null }, 200);
      await writeAudited(c.env, auth, { action: 'org.update', orgId: org.id, details: { code: org.code, ...body } }, () => stmts);
      return c.json({ code: org.code, name: body.name ?? org.name, kind: org.kind, parentCode: parent?.code ?? null }, 200);
    },
  );

  return r;
}

