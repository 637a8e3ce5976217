/**
 * Submissions (报送), the HTTP side; the SQL and the transaction are in store.ts. A clerk posts
 * their branch's quarter; the server validates it (zod), re-checks it (shared/submission/verify.ts,
 * with the committee's settings), and writes — in ONE D1 batch — the new immutable revision, its
 * member rows, the branch-quarter roll-up row, the idempotency record and the audit event (sealed
 * into the audit chain just after). Order of refusals: 400 schema → replay/422 Idempotency-Key →
 * 200 unchanged (same content as the latest revision: its receipt) → 423 locked → 428/412 If-Match →
 * 422 quarter not open / re-check.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { QuarterSchema, SubmissionReceiptSchema, SubmissionSchema } from '../../../shared/api/contract';
import { HistorySchema, RevisionDetailSchema } from '../../../shared/api/answers';
import { secret } from '../env';
import { ApiError, notFound } from '../errors';
import { requireRole } from '../auth';
import { withRetry } from '../audit';
import { sha256Hex } from '../crypto';
import { orgInScope } from '../orgs';
import { isRetryable, listReceipts, readableBranch, readHistory, readRevision, submitRevision } from './store';
import { contentHash, withBranchWarning } from './clerk-rules';
import { bearer, commonErrors, errorResponse, jsonBody, jsonOk, router } from '../router';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const ListQuery = z.object({ quarter: QuarterSchema, org: z.string().max(64).optional() });
const BranchQuarterParams = z.object({ branch: z.string().min(1).max(64), quarter: QuarterSchema });

export function submissionsRouter() {
  const r = router();

  r.openapi(
    createRoute({
      method: 'post', path: '/', security: bearer, tags: ['submissions'], summary: 'Submit your branch’s quarter (clerk)',
      request: {
        headers: z.object({
          'idempotency-key': z.string().optional().describe('Same key + same body → the first answer; same key + other body → 422'),
          'if-match': z.string().optional().describe('The etag (or revision) you last saw; required when the quarter already has one'),
        }),
        body: jsonBody(SubmissionSchema),
      },
      responses: {
        201: jsonOk(SubmissionReceiptSchema, 'Accepted: a new revision'),
        200: jsonOk(SubmissionReceiptSchema, 'The same content as the latest revision: its receipt (unchanged: true), nothing stored'), ...commonErrors,
        409: errorResponse('NOT_A_BRANCH'), 412: errorResponse('STALE_REVISION'), 413: errorResponse('PAYLOAD_TOO_LARGE'),
        422: errorResponse('SUBMISSION_REJECTED (details.errors) or IDEMPOTENCY_KEY_REUSED'), 423: errorResponse('QUARTER_LOCKED'), 428: errorResponse('PRECONDITION_REQUIRED'),
      },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, 'clerk');
      if (auth.org.kind !== '党支部') throw new ApiError('NOT_A_BRANCH', 'only a 党支部 submits a quarter');
      // Without the secret the keyed hash would be guessable: refuse rather than store weak hashes.
      const idKey = secret(c.env, 'ID_HMAC_KEY');
      const body = c.req.valid('json');
      // A body prepared for another branch (e.g. a queued entry sent after a different clerk signed in) is refused.
      if (body.branchCode !== undefined && body.branchCode !== auth.org.code) {
        throw new ApiError('INVALID_REQUEST', `this quarter was prepared for branch ${body.branchCode}; your token is for ${auth.org.code}`);
      }
      const key = c.req.header('Idempotency-Key') ?? null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) throw new ApiError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 visible ASCII characters');
      const bodyHash = await sha256Hex(JSON.stringify(body));
      // A workbook naming another branch travels with a warning finance sees.
      const s = withBranchWarning(body, auth.org.name);
      const content = await contentHash(s);
      const out = await withRetry(() => submitRevision(c.env.DB, c.env, idKey, auth, s, bodyHash, key, c.req.header('If-Match') ?? null, content), isRetryable);
      c.header('ETag', out.body.etag);
      if (out.replayed) c.header('Idempotent-Replayed', 'true');
      return out.status === 200 ? c.json(out.body, 200) : c.json(out.body, 201);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/', security: bearer, tags: ['submissions'], summary: 'Latest revision of each branch in your subtree for a quarter',
      request: { query: ListQuery }, responses: { 200: jsonOk(z.array(SubmissionReceiptSchema)), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const root = await orgInScope(c.env.DB, auth, q.org);
      return c.json(await listReceipts(c.env.DB, root, q.quarter), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{branch}/{quarter}', security: bearer, tags: ['submissions'], summary: 'A branch-quarter: its latest receipt and every revision with its reviews',
      request: { params: BranchQuarterParams }, responses: { 200: jsonOk(HistorySchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const { branch, quarter } = c.req.valid('param');
      const org = await readableBranch(c.env.DB, auth, branch);
      const history = await readHistory(c.env.DB, org, quarter);
      if (!history) throw notFound('submission');
      return c.json(history, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get', path: '/{branch}/{quarter}/revisions/{revision}', security: bearer, tags: ['submissions'], summary: 'One revision with the warnings it carried',
      request: { params: BranchQuarterParams.extend({ revision: z.coerce.number().int().min(1) }) }, responses: { 200: jsonOk(RevisionDetailSchema), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      const { branch, quarter, revision } = c.req.valid('param');
      const org = await readableBranch(c.env.DB, auth, branch);
      const detail = await readRevision(c.env.DB, org, quarter, revision);
      if (!detail) throw notFound('revision');
      return c.json(detail, 200);
    },
  );

  return r;
}
