/**
 * `duesbook accounts …` — the 党委's money from the command line (finance or admin token of the 党委):
 *
 *   shares                                       the 上缴 share rows
 *   share LEVEL RATE --from 2026Q1 [--due 04-30] [--basis TEXT]     add a row (RATE: 5% or 12.5%)
 *   remittances YEAR                             应上缴 per level, remitted, outstanding, due by
 *   remit YEAR --level L --amount 1234.56 --date D --voucher V [--large] [--note T]
 *   show YEAR                                    the year's 收支结存
 *   record YEAR --kind opening|allocation|interest|use --amount A --date D --voucher V
 *              [--purpose training|materials|commendation|hardship|disaster --decided D] [--source S] [--note T]
 *   large PERIOD [--org CODE]                    大额党费 per member and month
 *
 * Amounts are yuan as people write them (1,234.56), read exactly to the 分 (shared/money.ts).
 * Exit 0: done; 1: the server refused or failed; 2: the arguments are wrong.
 */
import { accountsApi } from '../../shared/api/accounts-client';
import { USE_PURPOSE_CODES, USE_PURPOSES, type UsePurpose } from '../../shared/accounts/purposes';
import { parseRateBp, percentText } from '../../shared/accounts/rounding';
import { formatYuan, parseMoney } from '../../shared/money';
import { ApiError, client, connection, said } from '../api/client';
import { parseCommand, usageError } from '../args';

const USAGE = `Usage: duesbook accounts shares | share LEVEL RATE --from 2026Q1 [--due 04-30] [--basis TEXT]
       duesbook accounts remittances YEAR | remit YEAR --level LEVEL --amount YUAN --date YYYY-MM-DD --voucher NO [--large] [--note TEXT]
       duesbook accounts show YEAR | record YEAR --kind opening|allocation|interest|use --amount YUAN --date YYYY-MM-DD --voucher NO
                 [--purpose ${USE_PURPOSE_CODES.join('|')} --decided YYYY-MM-DD] [--source TEXT] [--note TEXT]
       duesbook accounts large PERIOD [--org CODE]
  [--server URL] [--token TOKEN] (default DUESBOOK_SERVER / DUESBOOK_TOKEN); --json prints the answer as JSON.`;
const COMMAND = { name: 'accounts', usage: USAGE };
const usage = (m: string) => usageError(COMMAND, m);

const PLAIN: Partial<Record<string, string>> = {
  UNAUTHENTICATED: '令牌无效或已撤销 / the token is unknown or revoked',
  FORBIDDEN: '党费账目由党委财务或管理员管理：请使用党委的财务或管理员令牌 / the accounts are kept by the 党委: use its finance or admin token',
};

/** "5%", "12.5%" → basis points, exactly (the % sign required here, so a bare 5 is not read as 5 %); null otherwise. */
export function parseRate(text: string): number | null {
  return text.includes('%') ? parseRateBp(text) : null;
}

function amount(text: string | undefined): number | string {
  if (text === undefined) return '--amount is required (yuan, e.g. 1234.56)';
  const p = parseMoney(text);
  return p.ok ? p.fen : `--amount must be yuan with at most two decimals, got "${text}"`;
}

const yuan = (fen: number) => `¥${formatYuan(fen)}`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommand(COMMAND, argv, {
    from: { type: 'string' }, due: { type: 'string' }, basis: { type: 'string' },
    level: { type: 'string' }, amount: { type: 'string' }, date: { type: 'string' }, voucher: { type: 'string' },
    large: { type: 'boolean', default: false }, note: { type: 'string' }, kind: { type: 'string' },
    purpose: { type: 'string' }, decided: { type: 'string' }, source: { type: 'string' }, org: { type: 'string' },
    json: { type: 'boolean', default: false }, server: { type: 'string' }, token: { type: 'string' },
  });
  if (typeof args === 'number') return args;
  const { values: v, positionals: [sub, ...rest] } = args;
  if (!sub) return usage('no sub-command given');
  const year = rest[0];
  const needYear = () => (year && /^\d{4}$/.test(year) ? null : usage(`give a year like 2026${year ? `, got "${year}"` : ''}`));
  const conn = connection(v, process.env);
  if ('missing' in conn) return usage(conn.missing);
  const api = accountsApi(client(conn));
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const json = (x: unknown): number => {
    out(JSON.stringify(x, null, 2));
    return 0;
  };

  try {
    switch (sub) {
      case 'shares': {
        const r = await api.shares();
        if (v.json) return json(r);
        if (!r.shares.length) out(`${r.committee}: 尚未设定上缴比例 / no shares yet`);
        for (const s of r.shares) out(`${s.from} 起  ${s.level}  ${percentText(s.rateBp)}  次年${s.dueMonthDay}前${s.basis ? `  （${s.basis}）` : ''}`);
        return 0;
      }
      case 'share': {
        const [level, rate] = rest;
        if (!level || !rate) return usage('give the level and the rate: share 县委 10% --from 2026Q1');
        const rateBp = parseRate(rate);
        if (rateBp === null) return usage(`the rate is a percentage such as 5% or 12.5%, got "${rate}"`);
        if (!v.from) return usage('--from QUARTER is required (the first quarter the share applies to, e.g. 2026Q1)');
        const r = await api.addShare({ level, rateBp, from: v.from, ...(v.due ? { dueMonthDay: v.due } : {}), ...(v.basis ? { basis: v.basis } : {}) });
        if (v.json) return json(r);
        out(`已添加：${r.from} 起向${r.level}上缴 ${percentText(r.rateBp)}，次年${r.dueMonthDay}前 / share added`);
        return 0;
      }
      case 'remittances': {
        const bad = needYear();
        if (bad !== null) return bad;
        const r = await api.remittances(year!);
        if (v.json) return json(r);
        out(`${r.committee} ${r.year}年度：实交 ${yuan(r.shares.collectedFen)}，应上缴 ${yuan(r.shares.dueFen)}，留存 ${yuan(r.shares.keptFen)}，大额党费 ${yuan(r.largeFen)}`);
        for (const l of r.lines) {
          const what = l.kind === 'large' ? `大额党费→${l.level}` : l.level;
          const state = l.outstandingFen === 0 ? '已缴清' : `未缴 ${yuan(l.outstandingFen)}${l.overdue ? '（已逾期）' : ''}`;
          out(`  ${what}: 应缴 ${yuan(l.dueFen)}，已缴 ${yuan(l.remittedFen)}，${state}，${l.dueBy}前${l.overpaidFen ? `，多缴 ${yuan(l.overpaidFen)}` : ''}`);
        }
        return 0;
      }
      case 'remit': {
        const bad = needYear();
        if (bad !== null) return bad;
        const fen = amount(v.amount);
        if (typeof fen === 'string') return usage(fen);
        if (!v.level && !v.large) return usage('--level is required (or --large for 大额党费 to 中央)');
        if (!v.date || !v.voucher) return usage('--date and --voucher are required');
        const r = await api.remit(year!, { level: v.level ?? '中央', kind: v.large ? 'large' : 'share', paidOn: v.date, amountFen: fen, voucher: v.voucher, ...(v.note ? { note: v.note } : {}) });
        if (v.json) return json(r);
        out(`已登记：${r.paidOn} 向${r.level}上缴${r.kind === 'large' ? '大额党费' : ''} ${yuan(r.amountFen)}（凭证 ${r.voucher}）/ remittance recorded`);
        return 0;
      }
      case 'show': {
        const bad = needYear();
        if (bad !== null) return bad;
        const a = await api.accounts(year!);
        if (v.json) return json(a);
        out(`${a.committee} ${a.year}年度党费收支结存`);
        out(`  上年结存 ${yuan(a.openingFen)}（${a.openingSource === 'recorded' ? '登记' : a.openingSource === 'carried' ? '上年结转' : '无'}）`);
        out(`  收缴 ${yuan(a.collectedFen)}  下拨 ${yuan(a.allocatedFen)}  利息 ${yuan(a.interestFen)}`);
        out(`  上缴 ${yuan(a.remittedFen)}  使用 ${yuan(a.usedFen)}`);
        for (const u of a.usesByPurpose) out(`    ${USE_PURPOSES[u.purpose]}：${yuan(u.amountFen)}（${u.count} 笔）`);
        out(`  结存 ${yuan(a.closingFen)}  核对：${a.identityHolds ? '相符' : '不符'}${a.negative ? '  结存为负，请核查' : ''}`);
        out(`  大额党费：收到 ${yuan(a.large.collectedFen)}，上缴中央 ${yuan(a.large.remittedFen)}`);
        return 0;
      }
      case 'record': {
        const bad = needYear();
        if (bad !== null) return bad;
        const kinds = ['opening', 'allocation', 'interest', 'use'] as const;
        const kind = kinds.find((k) => k === v.kind);
        if (!kind) return usage(`--kind must be one of ${kinds.join(', ')}${v.kind ? `, got "${v.kind}"` : ''}`);
        const fen = amount(v.amount);
        if (typeof fen === 'string') return usage(fen);
        if (!v.date || !v.voucher) return usage('--date and --voucher are required');
        if (v.purpose !== undefined && !USE_PURPOSE_CODES.includes(v.purpose as UsePurpose)) return usage(`--purpose must be one of ${USE_PURPOSE_CODES.join(', ')} (2008规定 第十九条)`);
        const r = await api.record(year!, {
          kind, on: v.date, amountFen: fen, voucher: v.voucher,
          ...(v.purpose ? { purpose: v.purpose as UsePurpose } : {}), ...(v.decided ? { decidedOn: v.decided } : {}),
          ...(v.source ? { source: v.source } : {}), ...(v.note ? { note: v.note } : {}),
        });
        if (v.json) return json(r);
        out(`已登记：${r.on} ${r.kind} ${yuan(r.amountFen)}（凭证 ${r.voucher}）/ entry recorded`);
        return 0;
      }
      case 'large': {
        const period = rest[0];
        if (!period || !/^\d{4}(Q[1-4])?$/.test(period)) return usage('give a period like 2026Q3 or 2026');
        const r = await api.large(period, v.org);
        if (v.json) return json(r);
        out(`${r.org} ${period} 大额党费：${r.lines.length} 笔，合计 ${yuan(r.totalFen)}`);
        for (const l of r.lines) out(`  ${l.month}  ${l.branchName}  ${l.name}  ${l.idMasked}  ${yuan(l.largeFen)}`);
        return 0;
      }
      default:
        return usage(`unknown sub-command "${sub}"`);
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const plain = PLAIN[e.code];
    const details = e.code === 'VALIDATION_FAILED' && Array.isArray(e.details)
      ? `\n${(e.details as { path: string; message: string }[]).map((d) => `  ${d.path}: ${d.message}`).join('\n')}` : '';
    process.stderr.write(`duesbook accounts: ${plain ? `${plain}\n  (${said(e)})` : said(e)}${details}\n`);
    return 1;
  }
}
