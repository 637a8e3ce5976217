/**
 * `duesbook admin …` — the administrator's commands, against the API with an admin token:
 *   org list | org add CODE --name NAME --kind 党总支|党支部 --parent CODE
 *   token list | token issue --org CODE --role clerk|finance|leader|admin [--label TEXT] | token revoke ID
 * and, to create a committee and its first admin token straight in D1 (no API token exists yet):
 *   bootstrap --committee CODE --name NAME [--local [--persist-to DIR] | --remote]
 * Exit 0: done; 1: the server refused; 2: arguments wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RoleSchema } from '../../shared/api/contract';
import { planCommittee, planToSql } from '../../worker/seed/committee';
import type { OrgTree } from '../../shared/api/answers';
import { ApiError, client as connect, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';

const USAGE = `Usage:
  duesbook admin org list
  duesbook admin org add CODE --name NAME --kind 党总支|党支部 --parent CODE
  duesbook admin token list
  duesbook admin token issue --org CODE --role clerk|finance|leader|admin [--label TEXT]
  duesbook admin token revoke ID
  duesbook admin bootstrap --committee CODE --name NAME [--local [--persist-to DIR] | --remote]
Server and token: --server URL --token TOKEN, or DUESBOOK_SERVER / DUESBOOK_TOKEN.`;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const say = (s: string) => process.stdout.write(`${s}\n`);

const COMMAND = { name: 'admin', usage: USAGE };

function usage(message: string): number {
  return usageError(COMMAND, message);
}

function printTree(t: OrgTree, depth = 0): void {
  say(`${'  '.repeat(depth)}${t.code}  ${t.name}  (${t.kind})`);
  for (const c of t.children) printTree(c, depth + 1);
}

/** A new committee straight into D1 through wrangler: the 党委 row and one admin token. */
async function bootstrap(values: Record<string, string | boolean | undefined>): Promise<number> {
  const code = values.committee;
  const name = values.name;
  if (typeof code !== 'string' || typeof name !== 'string') return usage('bootstrap needs --committee CODE and --name NAME');
  const remote = values.remote === true;
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' };
  const base = ['d1', 'execute', 'DB', remote ? '--remote' : '--local', '--config', path.join(repo, 'worker', 'wrangler.jsonc'), '--json'];
  if (!remote) base.push('--persist-to', typeof values['persist-to'] === 'string' ? values['persist-to'] : path.join(repo, '.wrangler', 'state'));
  const wrangler = (args: string[]) => spawnSync(process.execPath, [path.join(repo, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), ...args], { cwd: repo, env, encoding: 'utf8' });
  const q = wrangler([...base, '--command', 'SELECT COALESCE(MAX(id), 0) AS max FROM orgs']);
  if (q.status !== 0) {
    process.stderr.write(`wrangler failed (are the migrations applied? npx wrangler d1 migrations apply DB ${remote ? '--remote' : '--local'} --config worker/wrangler.jsonc):\n${q.stderr || q.stdout}\n`);
    return 1;
  }
  const max = (JSON.parse(q.stdout) as { results: { max: number }[] }[])[0]?.results[0]?.max ?? 0;
  const plan = await planCommittee({ code, name, kind: '党委' }, [{ orgCode: code, role: 'admin', label: 'bootstrap admin' }], max + 1);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duesbook-bootstrap-'));
  try {
    const file = path.join(dir, 'bootstrap.sql');
    writeFileSync(file, planToSql(plan));
    const r = wrangler([...base, '--file', file]);
    if (r.status !== 0) {
      process.stderr.write(`could not create ${code} (code taken?):\n${r.stderr || r.stdout}\n`);
      return 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  say(`已创建党委 / created committee ${code} ${name}`);
  say(`管理员令牌（仅显示一次）/ admin token (shown once):\n  ${plan.tokens[0]!.token}`);
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    server: { type: 'string' }, token: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' },
    parent: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' },
    committee: { type: 'string' }, local: { type: 'boolean' }, remote: { type: 'boolean' }, 'persist-to': { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const [noun, verb, arg] = positionals;
  if (!noun) {
    say(USAGE);
    return 2;
  }
  if (noun === 'bootstrap') return bootstrap(values);

  const conn = connection(values, process.env);
  if ('missing' in conn) return usage(conn.missing);
  const client = connect(conn);
  try {
    if (noun === 'org' && verb === 'list') {
      printTree(await client.orgs());
      return 0;
    }
    if (noun === 'org' && verb === 'add') {
      if (!arg || !values.name || !values.parent) return usage('org add needs CODE, --name and --parent');
      if (values.kind !== '党总支' && values.kind !== '党支部') return usage('--kind must be 党总支 or 党支部');
      const o = await client.createOrg({ code: arg, name: values.name, kind: values.kind, parentCode: values.parent });
      say(`已创建 / created ${o.code} ${o.name} (${o.kind}) under ${o.parentCode}`);
      return 0;
    }
    if (noun === 'token' && verb === 'list') {
      for (const t of await client.tokens()) say(`${String(t.id).padStart(5)}  ${t.role.padEnd(8)} ${t.orgCode.padEnd(14)} ${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}  ${t.label}`);
      return 0;
    }
    if (noun === 'token' && verb === 'issue') {
      const role = RoleSchema.safeParse(values.role);
      if (!values.org || !role.success) return usage('token issue needs --org CODE and --role clerk|finance|leader|admin');
      const t = await client.issueToken({ orgCode: values.org, role: role.data, label: values.label });
      say(`令牌 #${t.id}（${t.role} @ ${t.orgCode}），仅显示一次 / token #${t.id}, shown once:\n  ${t.token}`);
      return 0;
    }
    if (noun === 'token' && verb === 'revoke') {
      const id = Number(arg);
      if (!Number.isInteger(id) || id < 1) return usage('token revoke needs a token ID (see token list)');
      const t = await client.revokeToken(id);
      say(`已撤销 / revoked token #${t.id} (${t.role} @ ${t.orgCode})`);
      return 0;
    }
  } catch (e) {
    if (e instanceof ApiError && e.code !== 'NETWORK_ERROR') process.stderr.write(`服务器拒绝 / server refused: ${said(e)}\n`);
    else process.stderr.write(`无法连接服务器 / cannot reach ${conn.server}: ${(e as Error).message}\n`);
    return 1;
  }
  return usage(`unknown command: admin ${positionals.join(' ')}`);
}
