/**
 * `duesbook submit WORKBOOK.xlsx --quarter 2026Q3 [--server URL] [--token T] [--as-of DATE] [--if-match REV]`
 * Reads the workbook, checks it with the committee's settings (fetched from the server) as of the
 * quarter's report date (shared/submission/prepare.ts: the quarter's last day, or today — or
 * --as-of — if earlier), builds the quarter's submission and posts it with an Idempotency-Key (retried on network failure with
 * the same key) and If-Match (the revision this machine last submitted, or --if-match).
 * Exit 0: accepted; 1: refused (check errors, server refusal); 2: arguments or workbook unreadable.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isIsoDate, isoFromDate } from '../../shared/dates';
import { isTransient } from '../../shared/api/errors';
import { formatYuan } from '../../shared/money';
import { SubmissionRefused } from '../../shared/submission/build';
import { prepareSubmission, type Prepared } from '../../shared/submission/prepare';
import { readWorkbook, WorkbookReadError } from '../../shared/xlsx/read';
import type { Submission, SubmissionReceipt } from '../../shared/api/contract';
import { ApiError, client as connect, connection, said, type DuesbookClient } from '../api/client';
import { parseCommand, usageError } from '../args';
import { readMappingFile } from './check';
import type { ColumnMapping } from '../../shared/recognise/mapping';
import { sameBranch, workbookBranchName } from '../../shared/recognise/branch-name';
import { withBranchWarning } from '../../shared/submission/branch-warning';
import { beijing, returnNoteLines } from '../return-note';

const USAGE = 'Usage: duesbook submit WORKBOOK.xlsx --quarter 2026Q3 [--server URL] [--token TOKEN] [--as-of YYYY-MM-DD] [--mapping FILE.json] [--if-match REVISION]\n'
  + '  Server and token default to DUESBOOK_SERVER / DUESBOOK_TOKEN.';

const say = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

const COMMAND = { name: 'submit', usage: USAGE };

function usage(message: string): number {
  return usageError(COMMAND, message);
}

/** Where this machine remembers the receipt of its last submission per server/branch/quarter. */
function stateFile(): string {
  return path.join(process.env.DUESBOOK_STATE_DIR ?? path.join(os.homedir(), '.duesbook'), 'receipts.json');
}

async function readReceipts(): Promise<Record<string, SubmissionReceipt>> {
  try {
    return JSON.parse(await readFile(stateFile(), 'utf8')) as Record<string, SubmissionReceipt>;
  } catch {
    return {};
  }
}

async function remember(key: string, receipt: SubmissionReceipt): Promise<void> {
  const all = await readReceipts();
  all[key] = receipt;
  await mkdir(path.dirname(stateFile()), { recursive: true });
  await writeFile(stateFile(), JSON.stringify(all, null, 2));
}

/**
 * POST with the same Idempotency-Key until the server decides (no answer, or a transient one:
 * up to 3 tries). Throws the last ApiError: the server's refusal, or the transient failure.
 */
async function postWithRetry(client: DuesbookClient, s: Submission, key: string, ifMatch: string | undefined): Promise<SubmissionReceipt> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.submit(s, { idempotencyKey: key, ifMatch });
    } catch (e) {
      if (!(e instanceof ApiError) || !isTransient(e.code) || attempt === 3) throw e;
    }
    await new Promise((res) => setTimeout(res, 300 * attempt));
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    quarter: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    'as-of': { type: 'string' },
    'if-match': { type: 'string' },
    mapping: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usage(positionals.length ? 'give exactly one workbook' : 'no workbook given');
  const quarter = values.quarter;
  if (!quarter || !/^\d{4}Q[1-4]$/.test(quarter)) return usage('--quarter must look like 2026Q3');
  const asOf = values['as-of'] ?? isoFromDate(new Date());
  if (!isIsoDate(asOf)) return usage(`--as-of must be a date like 2026-09-30, got "${asOf}"`);
  const conn = connection(values, process.env);
  if ('missing' in conn) return usage(conn.missing);
  const client = connect(conn);
  const file = positionals[0]!;
  let mapping: ColumnMapping | undefined;
  if (values.mapping !== undefined) {
    const m = await readMappingFile(values.mapping);
    if (typeof m === 'string') return usage(m);
    mapping = m;
  }

  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return usage(`cannot read ${file}: ${(e as Error).message}`);
  }
  let grids;
  try {
    grids = await readWorkbook(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) return usage(`cannot read ${file} as an .xlsx workbook: ${e.message}`);
    throw e;
  }

  let me;
  let settings;
  try {
    [me, settings] = await Promise.all([client.me(), client.settings()]);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.code === 'NETWORK_ERROR') err(`无法连接服务器 / cannot reach ${conn.server}: ${e.message}`);
    else if (e.code === 'UNAUTHENTICATED') err('令牌无效或已撤销 / the token is unknown or revoked (401)');
    else if (e.code === 'BAD_ANSWER') err(`党委设置或令牌信息无法识别 / the server's answer is not understood: ${e.message}`);
    else err(`服务器拒绝 / server refused: ${said(e)}`);
    return 1;
  }
  if (me.role !== 'clerk') {
    err(`只有支部的报送令牌可以报送 / only a branch clerk token can submit (this token: ${me.role} of ${me.org.code})`);
    return 1;
  }

  // Checked by the committee's own rules (parsed with the contract, defaults filling anything an
  // older server leaves out), as of the quarter's report date — exactly as the server re-checks.
  let prepared: Prepared;
  try {
    prepared = prepareSubmission({ grids, settings: settings.settings, quarter, today: asOf, ...(mapping ? { mapping } : {}) });
  } catch (e) {
    if (e instanceof SubmissionRefused) {
      err(`未报送：检查发现 ${e.errors} 个错误，请先运行 duesbook check ${file} 并修正。\nNot submitted: ${e.message}. Run \`duesbook check ${file}\` and fix them first.`);
      return 1;
    }
    throw e;
  }
  let submission = prepared.submission;
  // The branch the workbook names itself travels with it; another branch's name becomes a warning finance sees.
  const own = workbookBranchName(grids);
  if (own) {
    submission = withBranchWarning({ ...submission, workbookBranch: { name: own.name.slice(0, 100), sheet: own.sheet.slice(0, 100), cell: own.cell } }, me.org.name);
    if (!sameBranch(own.name, me.org.name)) {
      err(`注意：工作簿写明的党支部“${own.name}”（${own.sheet}!${own.cell}）与令牌所属的“${me.org.name}”不一致，报送将带此警告。
`
        + `Note: the workbook names "${own.name}" (${own.sheet}!${own.cell}), not "${me.org.name}"; the submission carries this warning.`);
    }
  }
  // A return of this quarter reaches the clerk: finance's note, by whom and when.
  try {
    for (const line of returnNoteLines(await client.history(me.org.code, quarter))) say(line);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e; // nothing submitted yet (404), or unreachable: the post below says so
  }

  const stateKey = `${conn.server}|${me.org.code}|${quarter}`;
  const ifMatch = values['if-match'] ?? (await readReceipts())[stateKey]?.etag;
  const key = randomUUID();
  let receipt: SubmissionReceipt;
  try {
    receipt = await postWithRetry(client, submission, key, ifMatch);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (isTransient(e.code)) {
      err(`报送未完成（网络）/ submission not completed (network): ${e.message}\nRe-running is safe.`);
      return 1;
    }
    return refusal(e, quarter);
  }
  await remember(stateKey, receipt);
  const t = receipt.totals;
  if (receipt.unchanged && receipt.stillReturned) {
    // Returned, then sent again unchanged: the return stands (issue 12); not a success.
    const back = receipt.stillReturned;
    say(`仍为已退回 / Still returned: ${receipt.branchCode} ${receipt.quarter} 第${receipt.revision}版 — 内容与退回时相同，仍为已退回，请按退回意见修改后再报送`);
    say(`  (same content as when revision ${receipt.revision} was returned; correct it as the note says, then submit again)`);
    say(`  退回意见 / note: ${back.note ?? '（无）'} — ${back.by ?? '财务 / finance'}，${beijing(back.at)}`);
    return 1;
  }
  if (receipt.unchanged) {
    say(`内容未变 / Unchanged: ${receipt.branchCode} ${receipt.quarter} 与第${receipt.revision}版相同，未生成新版本 (same content as revision ${receipt.revision}, ${receipt.etag})`);
  } else {
    say(`已报送 / Submitted: ${receipt.branchCode} ${receipt.quarter} 第${receipt.revision}版 (revision ${receipt.revision}, ${receipt.etag})`);
  }
  say(`  党员 ${t.members} 人 · 应交 ${formatYuan(t.dueFen)} 元 · 实交 ${formatYuan(t.paidFen)} 元 · warnings carried: ${submission.findings.length}`);
  // 年初核定 (issue 15): the year's first submission fixes the baseline; later ones are checked against it.
  const b = receipt.baseline;
  if (b?.fixedNow) say(`  本次报送为${b.year}年首次报送，已据此核定本年度党费（${b.members} 人）/ this first submission of ${b.year} fixed the year's baseline (${b.members} members)`);
  else if (b && (b.differs || b.recorded)) say(`  与${b.year}年初核定不符 ${b.differs} 处，已记录调整 ${b.recorded} 处 / against the ${b.year} baseline: ${b.differs} difference(s) without a reason, ${b.recorded} recorded change(s)`);
  return 0;
}

/** The server's refusal of a submission, in plain words by its code (exit 1). */
function refusal(e: ApiError, quarter: string): number {
  const d = (e.details ?? {}) as { currentRevision?: number | null; errors?: { code: string; path: string; message: string }[] };
  switch (e.code) {
    case 'PRECONDITION_REQUIRED':
      err(`该季度已报送过（第${d.currentRevision}版），本机没有记录。如确需替换，请加 --if-match ${d.currentRevision} 重新运行。\n`
        + `${quarter} already has revision ${d.currentRevision}, which this machine did not submit. To replace it, re-run with --if-match ${d.currentRevision}.`);
      return 1;
    case 'STALE_REVISION':
      err(`有人在您之后报送了更新的版本（当前第${d.currentRevision ?? '?'}版）。请先核对，再加 --if-match ${d.currentRevision ?? 'N'} 替换。\n`
        + `Someone submitted a newer revision (now ${d.currentRevision ?? '?'}) after the one you last saw. Check it, then re-run with --if-match ${d.currentRevision ?? 'N'} to replace it.`);
      return 1;
    case 'SUBMISSION_REJECTED':
      err('服务器复核未通过 / the server re-check refused the submission:');
      for (const x of d.errors ?? []) err(`  ${x.code}  ${x.path}  ${x.message}`);
      return 1;
    case 'QUARTER_NOT_OPEN': {
      const opensOn = (e.details as { opensOn?: string } | undefined)?.opensOn ?? '?';
      err(`${quarter} 尚未结束，${opensOn} 起才能报送（党委设定）/ ${quarter} is still running; it may be submitted from ${opensOn}.`);
      return 1;
    }
    case 'QUARTER_LOCKED':
      err(`${quarter} 已锁定，请联系财务解锁 / ${quarter} is locked; ask finance to unlock it.`);
      return 1;
    default:
      err(`服务器拒绝 / server refused: ${said(e)}`);
      return 1;
  }
}
