/**
 * Review (审核) of a branch's quarter, the HTTP side (the transaction is in review.ts): finance of
 * the branch or an ancestor confirms (确认) or returns (退回) it with a note. The body names the revision reviewed, so a decision never lands on
 * a revision the reviewer has not seen (412). A decision also settles which revision the roll-up
 * counts (submissions/counted.ts): a returned one never does. A return in a locked quarter is refused (423):
 * the branch could not answer it. A decision made by finance above you stands unless changed there
 * or higher (403 REVIEW_BY_HIGHER_ORG), as a lock set above you is lifted only from there.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { SubmissionReceiptSchema } from '../../../shared/api/contract';
import { requireRole } from '../auth';
import { readableBranch } from './store';
import { reviewRevision } from './review';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';

const Params = z.object({ branch: z.string().min(1).max(64), quarter: z.string().regex(/^\d{4}Q[1-4]$/) });
const ConfirmBody = z.object({ revision: z.number().int().min(1), note: z.string().trim().max(2000).optional() });
const ReturnBody = z.object({ revision: z.number().int().min(1), note: z.string().trim().min(1, 'say why it is returned').max(2000) });

export function reviewRouter() {
  const r = router();
  for (const action of ['confirm', 'return'] as const) {
    r.openapi(
      createRoute({
        method: 'post', path: `/{branch}/{quarter}/${action}`, security: bearer, tags: ['review'],
        summary: action === 'confirm' ? 'Confirm (确认) a branch’s latest revision (finance)' : 'Return (退回) a branch’s latest revision with a note (finance)',
        request: { params: Params, body: jsonBody(action === 'confirm' ? ConfirmBody : ReturnBody) },
        responses: { 200: jsonOk(SubmissionReceiptSchema), ...commonErrors, 403: errorResponse('FORBIDDEN, or REVIEW_BY_HIGHER_ORG: the standing decision was made above your organisation'), 409: errorResponse('CONFLICT: already in that state'), 412: errorResponse('STALE_REVISION'), 423: errorResponse('QUARTER_LOCKED') },
      }),
      async (c) => {
        const auth = c.get('auth');
        requireRole(auth, 'finance');
        const { branch, quarter } = c.req.valid('param');
        const body = c.req.valid('json') as z.infer<typeof ConfirmBody>;
        const org = await readableBranch(c.env.DB, auth, branch);
        return c.json(await reviewRevision(c.env, auth, org, quarter, action, body), 200);
      },
    );
  }
  return r;
}
