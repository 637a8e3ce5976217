/**
 * The 党委's settings (rounding, farmer amount, tables, …). Every role reads its committee's
 * settings, so the pane and the command line check by the same rules the server re-checks with;
 * an administrator of the 党委 itself changes them.
 */
import { createRoute } from '@hono/zod-openapi';
import { SettingsAnswerSchema } from '../../../shared/api/answers';
import { CommitteeSettingsSchema } from '../../../shared/settings';
import { committeeSettings, saveSettingsStatement } from './store';
import { forbidden } from '../errors';
import { requireRole } from '../auth';
import { writeAudited } from '../audit';
import { bearer, commonErrors, jsonBody, jsonOk, router } from '../router';

export function settingsRouter() {
  const r = router();

  r.openapi(
    createRoute({ method: 'get', path: '/', security: bearer, tags: ['settings'], summary: 'Your committee’s settings', responses: { 200: jsonOk(SettingsAnswerSchema), ...commonErrors } }),
    async (c) => {
      const { org } = c.get('auth');
      const root = await c.env.DB.prepare('SELECT code FROM orgs WHERE id = ?').bind(org.root_id).first<{ code: string }>();
      return c.json({ committee: root?.code ?? '', settings: await committeeSettings(c.env.DB, org.root_id) }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'put', path: '/', security: bearer, tags: ['settings'], summary: 'Replace the committee’s settings (admin of the 党委); omitted fields take defaults',
      request: { body: jsonBody(CommitteeSettingsSchema) }, responses: { 200: jsonOk(SettingsAnswerSchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'admin');
      if (auth.org.kind !== '党委') throw forbidden('only an administrator of the 党委 changes its settings');
      const settings = c.req.valid('json');
      const db = c.env.DB;
      await writeAudited(c.env, auth, { action: 'settings.update', orgId: auth.org.root_id, details: { settings } }, () => [
        saveSettingsStatement(db, auth.org.root_id, settings, new Date().toISOString()),
      ]);
      return c.json({ committee: auth.org.code, settings }, 200);
    },
  );
  return r;
}
