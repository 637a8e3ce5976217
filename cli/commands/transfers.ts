/**
 * `duesbook transfers list|add|withdraw …` — 组织关系转接 with 党费交至年月: a branch's clerk records a member
 * leaving (转出) or arriving (转入); the answer gives the receiving branch's first due month and the
 * introduction letter's line with the month in capital numerals (贰零贰陆年玖月); `withdraw` takes
 * back one entered by mistake, with a reason (the record is kept, marked withdrawn).
 * Exit 0: done; 1: the server refused or failed; 2: the arguments are wrong.
 */
import type { Transfer } from '../../shared/api/approvals';
import { TransferRequestSchema } from '../../shared/api/approvals';
import { addTransfer, listTransfers, withdrawTransfer } from '../../shared/api/year-client';
import { ApiError, client, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';

const USAGE = `Usage:
  duesbook transfers list [--org CODE] [--year YYYY] [--json]
  duesbook transfers add --id ID --name NAME --direction 转出|转入 --date 2026-09-15 --paid-through 2026-09 --counterpart ORG [--note TEXT]
  duesbook transfers withdraw ID --reason TEXT      (the branch's clerk: a transfer entered by mistake)
  Server and token: --server URL --token TOKEN, or DUESBOOK_SERVER / DUESBOOK_TOKEN.`;
const COMMAND = { name: 'transfers', usage: USAGE };
const say = (s: string) => process.stdout.write(`${s}\n`);

export function transferLines(t: Transfer): string[] {
  const way = t.direction === '转出' ? `转往 ${t.counterpart}` : `转自 ${t.counterpart}`;
  return [
    `#${t.id} ${t.branch} ${t.member.name} (${t.member.idMasked}) ${t.direction} ${t.date} ${way}`,
    `  党费交至 ${t.paidThrough}；接收支部自 ${t.firstDueMonth} 起计应交`,
    `  介绍信：${t.letterLine}`,
    ...(t.withdrawnAt ? [`  已撤回 ${t.withdrawnAt.slice(0, 10)}：${t.withdrawReason ?? ''}`] : []),
  ];
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    org: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean', default: false },
    id: { type: 'string' }, name: { type: 'string' }, direction: { type: 'string' }, date: { type: 'string' },
    'paid-through': { type: 'string' }, counterpart: { type: 'string' }, note: { type: 'string' }, reason: { type: 'string' },
    server: { type: 'string' }, token: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values: v, positionals } = args;
  const [sub, arg] = positionals;
  if (sub !== 'list' && sub !== 'add' && sub !== 'withdraw') return usageError(COMMAND, sub ? `unknown sub-command "${sub}"` : 'say what to do: list, add or withdraw');
  if (sub === 'withdraw') {
    if (!arg || !/^\d+$/.test(arg)) return usageError(COMMAND, "withdraw needs the transfer's number (duesbook transfers list)");
    if (!v.reason?.trim()) return usageError(COMMAND, 'withdrawing a transfer needs --reason saying why');
  }
  const conn = connection(v, process.env);
  if ('missing' in conn) return usageError(COMMAND, conn.missing);
  const api = client(conn);
  try {
    if (sub === 'list') {
      if (v.year !== undefined && !/^\d{4}$/.test(v.year)) return usageError(COMMAND, `--year must look like 2026, got "${v.year}"`);
      const list = await listTransfers(api, { org: v.org, year: v.year });
      if (v.json) say(JSON.stringify(list, null, 2));
      else if (!list.length) say('没有转接记录 / no transfers');
      else for (const t of list) transferLines(t).forEach(say);
      return 0;
    }
    if (sub === 'withdraw') {
      transferLines(await withdrawTransfer(api, Number(arg), { reason: v.reason!.trim() })).forEach(say);
      return 0;
    }
    const parsed = TransferRequestSchema.safeParse({
      idNumber: v.id?.trim().toUpperCase(), name: v.name, direction: v.direction, date: v.date, paidThrough: v['paid-through'],
      counterpart: v.counterpart, ...(v.note ? { note: v.note } : {}),
    });
    if (!parsed.success) return usageError(COMMAND, parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    transferLines(await addTransfer(api, parsed.data)).forEach(say);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    process.stderr.write(`duesbook transfers: ${said(e)}\n`);
    return 1;
  }
}
