/**
 * GET  /api/reports/{period}.xlsx        the consolidated workbook (leader, finance), own subtree
 *                                         or ?org=CODE inside it; or ?link=… without a bearer token
 * POST /api/reports/{period}/link         a short-lived signed URL for the same download
 *
 * Mounted before the app's bearer authentication (a signed link has no token), so this router
 * authenticates bearer requests itself. Every download, and every link made, is an audit event,
 * written before the file or the link is sent.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ReportLinkSchema } from '../../../shared/api/answers';
import { PeriodSchema, type Role } from '../../../shared/api/contract';
import { authenticate, requireRole } from '../auth';
import { writeAudited } from '../audit';
import { secret, type Auth, type OrgRow } from '../env';
import { ApiError } from '../errors';
import { orgInScope } from '../orgs';
import { bearer, commonErrors, jsonBody, jsonOk, router } from '../router';
import { buildReport, XLSX_MIME } from './build';
import { LINK_DEFAULT_MINUTES, LINK_MAX_MINUTES, LINK_PURPOSE, signLink, verifyLink } from './link';
import { loadReportInput } from './load';

const REPORT_ROLES: Role[] = ['leader', 'finance'];
const FILE = /^(\d{4}|\d{4}Q[1-4])\.xlsx$/;

const FileParams = z.object({ file: z.string().regex(FILE, 'ask for 2026Q3.xlsx or 2026.xlsx').openapi({ example: '2026Q3.xlsx' }) });
const DownloadQuery = z.object({
  org: z.string().min(1).max(64).optional().describe('Node code; default: your own organisation'),
  link: z.string().max(2000).optional().describe('A signed link from POST /api/reports/{period}/link, instead of a bearer token'),
});
const LinkBody = z.object({ org: z.string().min(1).max(64).optional(), minutes: z.number().int().min(1).max(LINK_MAX_MINUTES).optional() });

/**
 * The secret links are signed with (a key derived from ID_HMAC_KEY). Without a real one a link
 * could be forged by anyone who guesses it, so links are refused, as submissions are.
 */
function linkSecret(env: Env): string {
  return secret(env, 'ID_HMAC_KEY');
}

/** Auth for a signed link: the token that made it must still be live and still allowed. */
async function linkAuth(db: D1Database, secret: string, link: string, period: string): Promise<{ auth: Auth; org: string }> {
  const check = await verifyLink(secret, link, period, Math.floor(Date.now() / 1000));
  if (!check.ok) {
    throw new ApiError('UNAUTHENTICATED', check.reason === 'expired' ? 'this download link has expired; ask for a new one' : 'this download link is not valid');
  }
  const row = await db.prepare(
    `SELECT t.id AS token_id, t.role, t.revoked_at, o.id, o.code, o.name, o.kind, o.parent_id, o.root_id, o.path
       FROM tokens t JOIN orgs o ON o.id = t.org_id WHERE t.id = ?`,
  ).bind(check.claims.tokenId).first<OrgRow & { token_id: number; role: Role; revoked_at: string | null }>();
  if (!row || row.revoked_at) throw new ApiError('UNAUTHENTICATED', 'the token that made this link has been revoked');
  const { token_id, role, revoked_at: _r, ...org } = row;
  return { auth: { tokenId: token_id, role, org }, org: check.claims.org };
}

function disposition(period: string, org: OrgRow): string {
  const ascii = `duesbook-${org.code.replace(/[^A-Za-z0-9_-]/g, '_')}-${period}.xlsx`;
  const utf8 = encodeURIComponent(`${org.name}党费汇总-${period}.xlsx`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export function reportsRouter() {
  const r = router();
  // Bearer authentication for everything except a GET that carries a signed link.
  r.use('*', async (c, next) => {
    if (c.req.method === 'GET' && new URL(c.req.url).searchParams.has('link')) return next();
    return authenticate(c, next);
  });

  r.openapi(
    createRoute({
      method: 'get', path: '/{file}', security: [...bearer, {}], tags: ['reports'],
      summary: 'The consolidated workbook (.xlsx) for a quarter or year (leader, finance; or a signed link)',
      request: { params: FileParams, query: DownloadQuery },
      responses: {
        200: { description: 'The workbook', content: { [XLSX_MIME]: { schema: z.string().openapi({ format: 'binary' }) } } },
        ...commonErrors,
      },
    }),
    async (c) => {
      const period = c.req.valid('param').file.replace(/\.xlsx$/, '');
      const q = c.req.valid('query');
      const db = c.env.DB;
      let auth: Auth;
      let code = q.org;
      if (q.link !== undefined) {
        const l = await linkAuth(db, linkSecret(c.env), q.link, period);
        auth = l.auth;
        code = l.org;
      } else {
        auth = c.get('auth');
      }
      requireRole(auth, ...REPORT_ROLES);
      const root = await orgInScope(db, auth, code);
      const now = new Date();
      const bytes = buildReport(await loadReportInput(db, root, period, auth.role, now));
      await writeAudited(c.env, auth, {
        action: 'report.download', orgId: root.id, quarter: period,
        details: { via: q.link !== undefined ? 'link' : 'bearer', bytes: bytes.length },
      }, () => []);
      return c.body(bytes, 200, {
        'Content-Type': XLSX_MIME,
        'Content-Disposition': disposition(period, root),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  );

  r.openapi(
    createRoute({
      method: 'post', path: '/{period}/link', security: bearer, tags: ['reports'],
      summary: `A signed download URL valid for a few minutes (default ${LINK_DEFAULT_MINUTES}, at most ${LINK_MAX_MINUTES})`,
      request: { params: z.object({ period: PeriodSchema }), body: { ...jsonBody(LinkBody), required: false } },
      responses: { 201: jsonOk(ReportLinkSchema, 'The link'), ...commonErrors },
    }),
    async (c) => {
      const auth = c.get('auth');
      requireRole(auth, ...REPORT_ROLES);
      const period = c.req.valid('param').period;
      const body = (c.req.header('Content-Type') ?? '').includes('json') ? c.req.valid('json') : {};
      const root = await orgInScope(c.env.DB, auth, body.org);
      const minutes = body.minutes ?? LINK_DEFAULT_MINUTES;
      const exp = Math.floor(Date.now() / 1000) + minutes * 60;
      const link = await signLink(linkSecret(c.env), { purpose: LINK_PURPOSE, org: root.code, period, tokenId: auth.tokenId, exp });
      const url = `/api/reports/${period}.xlsx?link=${encodeURIComponent(link)}`;
      const expiresAt = new Date(exp * 1000).toISOString();
      // A link hands the report to whoever holds it, so making one is recorded like a download
      // (the link itself is not: it is a bearer credential until it expires).
      await writeAudited(c.env, auth, { action: 'report.link', orgId: root.id, quarter: period, details: { org: root.code, period, minutes, expiresAt } }, () => []);
      return c.json({ url, expiresAt, minutes }, 201);
    },
  );
  return r;
}
