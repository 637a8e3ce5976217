/**
 * `duesbook approvals list|add|confirm|reject|withdraw|revoke|effects …` — approvals (少交/免交/缓交/补交) as records
 * on the server: a branch's clerk adds them, the org the rule needs confirms or rejects them, and
 * the branch withdraws a pending one, the org that confirmed one revokes it with a reason, and
 * `effects` shows what they take off a branch's arrears with the findings that name them.
 * Exit 0: done; 1: the server refused or failed; 2: the arguments are wrong.
 */
import type { Approval } from '../../shared/api/approvals';
import { ApprovalRequestSchema } from '../../shared/api/approvals';
import { formatYuan } from '../../shared/money';
import { addApproval, approvalEffects, decideApproval, listApprovals, revokeApproval, withdrawApproval } from '../../shared/api/year-client';
import { ApiError, client, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';

const USAGE = `Usage:
  duesbook approvals list [--org CODE] [--year YYYY] [--json]
  duesbook approvals add --id ID --name NAME --category 在职 --kind 免交|少交|缓交|补交 --from 2026-07 --to 2026-09
                         [--amount 元] --doc 文号 --orgs "支部委员会,党委" --approved-on 2026-07-20 [--note TEXT]
  duesbook approvals confirm ID [--note TEXT]
  duesbook approvals reject ID --note TEXT
  duesbook approvals withdraw ID [--reason TEXT]     (the branch's clerk, a pending approval)
  duesbook approvals revoke ID --reason TEXT         (the org that confirmed it, or the 党委's admin)
  duesbook approvals effects PERIOD [--org BRANCH] [--json]
  Server and token: --server URL --token TOKEN, or DUESBOOK_SERVER / DUESBOOK_TOKEN.`;
const COMMAND = { name: 'approvals', usage: USAGE };
const STATUS_ZH: Record<Approval['status'], string> = { pending: '待确认', confirmed: '已确认', rejected: '已驳回', withdrawn: '已撤回', revoked: '已撤销' };

const say = (s: string) => process.stdout.write(`${s}\n`);

/** "50.00" or "50" (元) → 分, exactly; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function approvalLine(a: Approval): string {
  const months = a.fromMonth === a.toMonth ? a.fromMonth : `${a.fromMonth}…${a.toMonth}`;
  const amount = a.kind === '少交' || a.kind === '补交' ? ` ${formatYuan(a.amountFen)} 元` : '';
  return `#${a.id} ${a.branch} ${a.member.name} (${a.member.idMasked}) ${a.kind}${amount} ${months} ${a.documentNo} — ${STATUS_ZH[a.status]}${a.decidedBy ? ` (${a.decidedBy})` : ''}${a.withdrawnAt ? `, ${a.withdrawnBy ?? ''} ${a.withdrawnAt.slice(0, 10)}${a.withdrawReason ? `: ${a.withdrawReason}` : ''}` : ''}`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    org: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean', default: false },
    id: { type: 'string' }, name: { type: 'string' }, category: { type: 'string' }, kind: { type: 'string' },
    from: { type: 'string' }, to: { type: 'string' }, amount: { type: 'string' }, doc: { type: 'string' },
    orgs: { type: 'string' }, 'approved-on': { type: 'string' }, note: { type: 'string' }, reason: { type: 'string' },
    server: { type: 'string' }, token: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values: v, positionals } = args;
  const [sub, arg] = positionals;
  if (!sub) return usageError(COMMAND, 'say what to do: list, add, confirm, reject, withdraw, revoke or effects');
  const conn = connection(v, process.env);
  if ('missing' in conn) return usageError(COMMAND, conn.missing);
  const api = client(conn);
  try {
    if (sub === 'list') {
      if (v.year !== undefined && !/^\d{4}$/.test(v.year)) return usageError(COMMAND, `--year must look like 2026, got "${v.year}"`);
      const list = await listApprovals(api, { org: v.org, year: v.year });
      if (v.json) say(JSON.stringify(list, null, 2));
      else if (!list.length) say('没有审批记录 / no approvals');
      else for (const a of list) say(approvalLine(a));
      return 0;
    }
    if (sub === 'add') {
      const amountFen = v.amount === undefined ? 0 : yuanToFen(v.amount);
      if (amountFen === null) return usageError(COMMAND, `--amount is in 元 with at most two decimals (50 or 12.50), got "${v.amount}"`);
      const parsed = ApprovalRequestSchema.safeParse({
        idNumber: v.id?.trim().toUpperCase(), name: v.name, category: v.category, kind: v.kind, fromMonth: v.from, toMonth: v.to ?? v.from,
        amountFen, documentNo: v.doc, approvingOrgs: (v.orgs ?? '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
        approvedOn: v['approved-on'], ...(v.note ? { note: v.note } : {}),
      });
      if (!parsed.success) {
        return usageError(COMMAND, parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
      }
      const a = await addApproval(api, parsed.data);
      say(approvalLine(a));
      for (const f of a.findings) say(`  ${f.severity === 'warning' ? '警告' : '提示'} ${f.code}: ${f.message}`);
      return 0;
    }
    if (sub === 'confirm' || sub === 'reject') {
      if (!arg || !/^\d+$/.test(arg)) return usageError(COMMAND, `${sub} needs the approval's number (duesbook approvals list)`);
      if (sub === 'reject' && !v.note?.trim()) return usageError(COMMAND, 'a rejection needs --note saying why');
      const a = await decideApproval(api, Number(arg), sub, v.note ? { note: v.note } : {});
      say(approvalLine(a));
      return 0;
    }
    if (sub === 'withdraw' || sub === 'revoke') {
      if (!arg || !/^\d+$/.test(arg)) return usageError(COMMAND, `${sub} needs the approval's number (duesbook approvals list)`);
      const reason = v.reason?.trim();
      if (sub === 'revoke' && !reason) return usageError(COMMAND, 'revoking a confirmed approval needs --reason saying why');
      const a = sub === 'withdraw'
        ? await withdrawApproval(api, Number(arg), reason ? { reason } : {})
        : await revokeApproval(api, Number(arg), { reason: reason! });
      say(approvalLine(a));
      return 0;
    }
    if (sub === 'effects') {
      if (!arg || !/^\d{4}(Q[1-4])?$/.test(arg)) return usageError(COMMAND, `effects needs a period like 2026Q3 or 2026, got "${arg ?? ''}"`);
      const e = await approvalEffects(api, arg, v.org);
      if (v.json) {
        say(JSON.stringify(e, null, 2));
        return 0;
      }
      say(`${e.branch} ${arg}: 原欠交 ${formatYuan(e.rawArrearsFen)} 元，经批准不计欠交 ${formatYuan(e.approvedFen)} 元，现欠交 ${formatYuan(e.arrearsFen)} 元`);
      for (const m of e.members) say(`  ${m.member.name} (${m.member.idMasked}): ${formatYuan(m.rawArrearsFen)} → ${formatYuan(m.arrearsFen)} 元`);
      for (const f of e.findings) say(`  ${f.severity === 'warning' ? '警告' : '提示'} ${f.code}: ${f.message}`);
      return 0;
    }
    return usageError(COMMAND, `unknown sub-command "${sub}"`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    process.stderr.write(`duesbook approvals: ${said(e)}\n`);
    return 1;
  }
}
