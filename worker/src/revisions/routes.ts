/**
 * GET /api/submissions/{branch}/{quarter}/revisions/{revision}/changes — what changed since the
 * revision before (members in and out, amounts), for finance to review with the facts in view.
 * Read by whoever may read the branch (its clerk, finance and leaders above it).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { QuarterSchema } from '../../../shared/api/contract';
import { RevisionChangesSchema } from '../../../shared/api/revision-changes';
import { notFound } from '../errors';
import { readRevisionChanges } from './changes';
import { readableBranch } from '../submissions/store';
import { bearer, commonErrors, jsonOk, router } from '../router';

const Params = z.object({ branch: z.string().min(1).max(64), quarter: QuarterSchema, revision: z.coerce.number().int().min(1).max(100_000) });

export function revisionChangesRouter() {
  const r = router();
  r.openapi(
    createRoute({
      method: 'get', path: '/{branch}/{quarter}/revisions/{revision}/changes', security: bearer, tags: ['submissions'],
      summary: 'What a revision changed against the one before it (members in and out, amounts)',
      request: { params: Params }, responses: { 200: jsonOk(RevisionChangesSchema), ...commonErrors },
    }),
    async (c) => {
      const { branch, quarter, revision } = c.req.valid('param');
      const org = await readableBranch(c.env.DB, c.get('auth'), branch);
      const changes = await readRevisionChanges(c.env.DB, org.id, quarter, revision);
      if (!changes) throw notFound('revision');
      return c.json(changes, 200);
    },
  );
  return r;
}
