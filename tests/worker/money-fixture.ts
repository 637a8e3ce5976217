/**
 * A committee's money year for the 上缴 / 收支结存 / 大额党费 tests: the JT committee (every role),
 * a second committee (XX) to prove isolation, and last year's four quarters submitted by two
 * branches with a few 大额党费 payments. Years are relative to today so every date is in the past.
 */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { SubmissionMember } from '../../shared/api/contract';
import { JT_TREE, call, everyRole, member, seed, submission, type Seeded } from './helpers';

export const THIS_YEAR = new Date().getUTCFullYear();
/** The year under test: last year, so its quarters and a remittance within it are all past. */
export const Y = String(THIS_YEAR - 1);

export const XX_TREE = { code: 'XX', name: '中共某县教育局委员会', kind: '党委' as const, children: [{ code: 'XX-01', name: '教育局机关党支部', kind: '党支部' as const }] };

/** Member n of a quarter, with 大额党费 in its second month when `largeFen` is given. */
export function payer(quarter: string, n: number, largeFen = 0, name?: string): SubmissionMember {
  const m = member(quarter, { n, ...(name ? { name } : {}) });
  if (largeFen) m.months[1]!.largeFen = largeFen;
  return m;
}

export async function seedMoneyYear(): Promise<Seeded & { xx: Seeded }> {
  const s = await seed(JT_TREE, everyRole(JT_TREE));
  const xx = await seed(XX_TREE, everyRole(XX_TREE));
  for (let q = 1; q <= 4; q++) {
    const Q = `${Y}Q${q}`;
    const list1 = [payer(Q, 1, q === 2 ? 150000 : 0, '张大额'), payer(Q, 2), payer(Q, 3, q === 4 ? 100000 : 0)];
    const list2 = [payer(Q, 101), payer(Q, 102, q === 1 ? 200000 : 0, '李大额')];
    for (const [branch, list] of [['JT-ZZ1-01', list1], ['JT-ZZ2-01', list2]] as const) {
      const r = await call('POST', '/api/submissions', { token: s.tokens[`clerk@${branch}`], body: submission(Q, list) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const r = await call('POST', '/api/submissions', { token: xx.tokens['clerk@XX-01'], body: submission(Q, [payer(Q, 500, 300000)]) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return { ...s, xx };
}

/** Row counts of the money tables and the audit log: "nothing half-written" means these are equal. */
const MONEY_TABLES = ['remittance_shares', 'remittances', 'account_entries', 'audit_events'] as const;
export async function moneyCounts(): Promise<Record<(typeof MONEY_TABLES)[number], number>> {
  const tables = MONEY_TABLES;
  const rs = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  return Object.fromEntries(tables.map((t, i) => [t, (rs[i]?.results[0] as { n: number }).n])) as Record<(typeof MONEY_TABLES)[number], number>;
}

/** Regular 实交 of the JT committee per quarter of Y, from the roll-up (independent of the share code). */
export async function rollupPaid(token: string, q: number): Promise<number> {
  const r = await call('GET', `/api/rollups/${Y}Q${q}`, { token });
  expect(r.status).toBe(200);
  return r.body.figures.paidFen as number;
}
