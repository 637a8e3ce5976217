/**
 * `duesbook report PERIOD -o FILE.xlsx [--org CODE] [--server URL] [--token TOKEN]`
 * Downloads the consolidated workbook (leader or finance token). The server and token default to
 * DUESBOOK_SERVER and DUESBOOK_TOKEN. Exit 0: written; 1: the server refused or failed;
 * 2: the arguments are wrong.
 */
import { rename, writeFile } from 'node:fs/promises';
import { ApiError, client, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';

const USAGE = 'Usage: duesbook report PERIOD -o FILE.xlsx [--org CODE] [--server URL] [--token TOKEN]\n'
  + '  PERIOD is a quarter (2026Q3) or a year (2026). Server and token default to DUESBOOK_SERVER / DUESBOOK_TOKEN.';

const COMMAND = { name: 'report', usage: USAGE };

function usage(message: string): number {
  return usageError(COMMAND, message);
}

/** What the refusals a finance officer or leader meets mean, in plain words (Chinese first). */
const PLAIN: Partial<Record<string, (org: string | undefined) => string>> = {
  UNAUTHENTICATED: () => '令牌无效或已撤销 / the token is unknown or revoked',
  FORBIDDEN: () => '此令牌不能下载汇总报表：请使用财务或领导令牌 / this token cannot download the report: use a finance or leader token',
  NOT_FOUND: (org) => org
    ? `找不到组织 ${org}，或不在此令牌的范围内 / no organisation ${org} within this token's subtree`
    : '服务器上没有汇总报表（请检查 --server）/ the server has no report here (check --server)',
};

function failure(message: string): number {
  process.stderr.write(`duesbook report: ${message}\n`);
  return 1;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    output: { type: 'string', short: 'o' },
    org: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usage(positionals.length ? 'give exactly one period' : 'no period given');
  const period = positionals[0]!;
  if (!/^\d{4}(Q[1-4])?$/.test(period)) return usage(`the period must look like 2026Q3 or 2026, got "${period}"`);
  const out = values.output ?? `duesbook-${period}.xlsx`;
  const conn = connection(values, process.env);
  if ('missing' in conn) return usage(conn.missing);

  let bytes: Uint8Array;
  try {
    // Only a zip is accepted as the workbook (a proxy's page is BAD_ANSWER).
    bytes = await client(conn).report(period, values.org);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.code === 'NETWORK_ERROR') return failure(`cannot reach ${new URL(conn.server).origin}: ${e.message}`);
    if (e.code === 'BAD_ANSWER') return failure(`${e.message}; is ${conn.server} a Duesbook server? (check --server)`);
    const plain = PLAIN[e.code];
    return failure(plain ? `${plain(values.org)}\n  (${said(e)})` : said(e));
  }
  // Write beside the target and rename, so a failed write never leaves half a workbook.
  const tmp = `${out}.part`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, out);
  } catch (e) {
    return failure(`cannot write ${out}: ${(e as Error).message}`);
  }
  process.stdout.write(`${out}: ${period} consolidated workbook, ${(bytes.length / 1024).toFixed(0)} KB\n`);
  return 0;
}
