/**
 * A committee's column mappings (issue 12): a template's mapping saved on the server so every
 * branch of the 党委 using that template gets it without asking. Finance or an administrator of
 * the 党委 saves, replaces or deletes (an audit event each, holding what it replaced); every token
 * of the committee's tree reads them. Another committee's mappings do not exist for a token (404).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CommitteeMappingSchema, CommitteeMappingsAnswerSchema, FingerprintSchema, SaveMappingRequestSchema, type SaveMappingRequest,
} from '../../../shared/api/mappings';
import type { Auth } from '../env';
import { forbidden, notFound } from '../errors';
import { requireRole } from '../auth';
import { writeAudited } from '../audit';
import { bearer, commonErrors, jsonBody, jsonOk, router } from '../router';
import { committeeMappings, deleteMappingStatement, mappingByKey, mappingOf, upsertMapping } from './store';

const KeyParam = z.object({ fingerprint: FingerprintSchema });

/** Finance or an administrator of the 党委 itself: a 总支 or a branch does not decide for the committee. */
function mayDecide(auth: Auth): void {
  requireRole(auth, 'finance', 'admin');
  if (auth.org.kind !== '党委') throw forbidden('a committee mapping is saved by finance or an administrator of the 党委');
}

export function mappingsRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['mappings'], summary: 'Your committee’s column mappings (any token of its tree)',
      responses: { 200: jsonOk(CommitteeMappingsAnswerSchema), ...commonErrors },
    }),
    async (c) => {
      const { org } = c.get('auth');
      const db = c.env.DB;
      const [root, rows] = await Promise.all([
        db.prepare('SELECT code FROM orgs WHERE id = ?').bind(org.root_id).first<{ code: string }>(),
        committeeMappings(db, org.root_id),
      ]);
      return c.json({ committee: root?.code ?? '', mappings: rows.map(mappingOf) }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'put', path: '/{fingerprint}', security: bearer, tags: ['mappings'], summary: 'Save or replace the committee’s mapping of a template (finance, admin of the 党委)',
      request: { params: KeyParam, body: jsonBody(SaveMappingRequestSchema) },
      responses: { 200: jsonOk(CommitteeMappingSchema, 'Replaced'), 201: jsonOk(CommitteeMappingSchema, 'Saved'), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      mayDecide(auth);
      const { fingerprint } = c.req.valid('param');
      const req: SaveMappingRequest = c.req.valid('json');
      const db = c.env.DB;
      const before = await mappingByKey(db, auth.org.root_id, fingerprint);
      const at = new Date().toISOString();
      await writeAudited(c.env, auth, {
        action: before ? 'mapping.replace' : 'mapping.save', orgId: auth.org.root_id,
        details: { fingerprint, label: req.label, mapping: req.mapping, ...(before ? { replaced: { label: before.label, mapping: JSON.parse(before.mapping) as unknown, savedAt: before.saved_at } } : {}) },
      }, () => [upsertMapping(db, auth, fingerprint, req, at)]);
      const saved = await mappingByKey(db, auth.org.root_id, fingerprint);
      return c.json(mappingOf(saved!), before ? 200 : 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'delete', path: '/{fingerprint}', security: bearer, tags: ['mappings'], summary: 'Delete the committee’s mapping of a template (finance, admin of the 党委)',
      request: { params: KeyParam },
      responses: { 200: jsonOk(z.object({ deleted: z.literal(true) })), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      mayDecide(auth);
      const { fingerprint } = c.req.valid('param');
      const db = c.env.DB;
      const before = await mappingByKey(db, auth.org.root_id, fingerprint);
      if (!before) throw notFound('committee mapping');
      await writeAudited(c.env, auth, {
        action: 'mapping.delete', orgId: auth.org.root_id,
        details: { fingerprint, label: before.label, mapping: JSON.parse(before.mapping) as unknown, savedAt: before.saved_at },
      }, () => [deleteMappingStatement(db, auth.org.root_id, fingerprint)]);
      return c.json({ deleted: true as const }, 200);
    },
  );
  return r;
}
