/**
 * Seeds a big committee straight into a Miniflare D1 for the route bench: the synthetic year
 * (bench/report-synthetic.ts) split into four quarters of submissions, member rows and
 * precomputed branch-quarter rows, as the submission route would have written them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportInput } from '../worker/src/reports/input';
import { branchFigures } from '../shared/rollup/figures';
import { planCommittee, type OrgSpec } from '../worker/seed/committee';

interface Db {
  prepare(sql: string): { bind(...v: unknown[]): unknown };
  batch(stmts: unknown[]): Promise<unknown>;
}

const lit = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

export async function applyMigrations(db: Db, dir: string): Promise<void> {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql')).sort()) {
    const sql = readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => !l.trim().startsWith('--')).join('\n');
    const stmts = sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
    await db.batch(stmts.map((s) => db.prepare(s)));
  }
}

/** Consecutive unpaid months ending at the last of `months`. */
function streakAt(months: { dueFen: number; paidFen: number }[]): number {
  let n = 0;
  for (let i = months.length - 1; i >= 0 && months[i]!.paidFen < months[i]!.dueFen; i--) n++;
  return n;
}

export async function seedYear(db: Db, input: ReportInput, leaderToken: string): Promise<{ members: number; rows: number }> {
  const toSpec = (n: ReportInput['tree']): OrgSpec => ({ code: n.org.code, name: n.org.name, kind: n.org.kind, children: n.children.map(toSpec) });
  const plan = await planCommittee(toSpec(input.tree), [{ orgCode: input.tree.org.code, role: 'leader', token: leaderToken }]);
  await db.batch(plan.statements.map((s) => db.prepare(s.sql).bind(...s.params)));
  const at = '2026-10-08T00:00:00Z';
  const statements: string[] = [];
  let rows = 0;
  let people = 0;
  let hmac = 0;
  for (const [code, members] of input.members) {
    const orgId = plan.orgIds.get(code)!;
    const ids = members.map(() => (++hmac).toString(16).padStart(64, '0'));
    people += members.length;
    for (let q = 0; q < 4; q++) {
      const quarter = `2026Q${q + 1}`;
      const sid = `${code}-${quarter}`;
      const lines = members.map((m, i) => {
        const months = m.months.slice(q * 3, q * 3 + 3);
        const due = months.reduce((t, x) => t + x.dueFen, 0);
        const paid = months.reduce((t, x) => t + x.paidFen, 0);
        const upTo = m.months.slice(0, q * 3 + 3);
        return { m, i, months, due, paid, arrears: Math.max(0, due - paid), streak: streakAt(upTo), id: ids[i]! };
      });
      if (!lines.length) continue;
      const f = branchFigures(lines.map((l) => ({ memberClass: l.m.memberClass, category: l.m.category, months: l.months, unpaidStreak: l.streak })));
      statements.push(`INSERT INTO submissions (id, org_id, quarter, revision, etag, body_hash, report_date, members, due_fen, paid_fen, findings, note, token_id, received_at) VALUES (${[sid, orgId, quarter, 1, 'e', 'h', `2026-${String(q * 3 + 3).padStart(2, '0')}-28`, lines.length, f.dueFen, f.paidFen, '[]', null, 1, at].map(lit).join(',')})`);
      statements.push(`INSERT INTO branch_quarters (org_id, quarter, submission_id, revision, etag, status, formal, probationary, by_category, due_fen, paid_fen, arrears_fen, in_arrears, six_month, updated_at, counted_submission_id, counted_status, arrears_keys) VALUES (${[orgId, quarter, sid, 1, 'e', 'confirmed', f.formal, f.probationary, JSON.stringify(f.byCategory), f.dueFen, f.paidFen, f.arrearsFen, f.inArrears, f.sixMonth, at, sid, 'confirmed', JSON.stringify(lines.filter((l) => l.arrears > 0).map((l) => l.id.slice(0, 16)))].map(lit).join(',')})`);
      for (let k = 0; k < lines.length; k += 50) {
        const values = lines.slice(k, k + 50).map((l) => `(${[
          sid, l.i, l.id, l.m.idMasked, l.m.name, l.m.memberClass, '正常', l.m.category, '2000-07-01', l.m.baseFen,
          JSON.stringify(l.months.map((x) => ({ month: x.month, baseFen: l.m.baseFen, dueFen: x.dueFen, paidFen: x.paidFen, largeFen: 0 }))),
          l.due, l.paid, 0, l.arrears, l.streak, null,
        ].map(lit).join(',')})`);
        rows += values.length;
        statements.push(`INSERT INTO submission_members (submission_id, idx, id_hmac, id_masked, name, member_class, standing, category, join_date, base_fen, months, due_fen, paid_fen, large_fen, arrears_fen, unpaid_streak, transfer_note) VALUES ${values.join(',')}`);
      }
    }
  }
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200).map((s) => db.prepare(s)));
  return { members: people, rows };
}
