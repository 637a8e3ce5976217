/**
 * The year's baseline in D1 (年初核定, tables of 0013): one row per member and year keyed by the
 * keyed ID hash, changes as added rows (history kept). Reads into the contract's Baseline, the
 * statements that fix or extend it, and what a submission's re-check adds from it.
 */
import type { Baseline, BaselineMember } from '../../../shared/api/baseline';
import type { ReceiptBaseline, SubmissionMember } from '../../../shared/api/contract';
import { baselineFindings, baselineFromMonths, changeFindings, type BaselineChange } from '../../../shared/year/baseline';
import type { RecordFinding } from '../../../shared/findings/record-finding';
import type { OrgRow } from '../env';

export interface BaselineRow {
  id_hmac: string;
  id_masked: string;
  name: string;
  category: BaselineMember['category'];
  base_fen: number | null;
  due_fen: number;
  fixed_at: string;
}
export interface ChangeRow {
  id_hmac: string;
  from_month: string;
  base_fen: number | null;
  due_fen: number;
  reason: string;
  at: string;
}

/** One member as INSERT_BASELINE_SQL reads it from JSON: [hmac, masked, name, category, base, due]. */
export type BaselineLine = [string, string, string, string, number | null, number];

/**
 * Inserts a JSON array of members (two bound parameters whatever the size). Each member once per
 * year (the primary key): a concurrent fix of the same member fails the whole batch.
 */
const INSERT_BASELINE_SQL = `INSERT INTO year_baselines (org_id, year, id_hmac, id_masked, name, category, base_fen, due_fen, token_id, fixed_at)
  SELECT ?1, ?2, j.value ->> '$[0]', j.value ->> '$[1]', j.value ->> '$[2]', j.value ->> '$[3]', j.value ->> '$[4]', j.value ->> '$[5]', ?3, ?4
    FROM json_each(?5) AS j`;
/** Members per statement: keeps each bound JSON well under D1's value limit. */
const CHUNK = 1000;

export function insertBaselineStatements(db: D1Database, orgId: number, year: string, tokenId: number, at: string, lines: readonly BaselineLine[], onlyIfUnfixed = false): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  // A submission fixes the year only when nothing is fixed yet: checked inside the batch, so two
  // first submissions racing cannot both fix it (the later one inserts nothing).
  const sql = onlyIfUnfixed
    ? `${INSERT_BASELINE_SQL} WHERE NOT EXISTS (SELECT 1 FROM year_baselines b WHERE b.org_id = ?1 AND b.year = ?2 AND b.fixed_at <> ?4)`
    : INSERT_BASELINE_SQL;
  for (let i = 0; i < lines.length; i += CHUNK) out.push(db.prepare(sql).bind(orgId, year, tokenId, at, JSON.stringify(lines.slice(i, i + CHUNK))));
  return out;
}

export async function baselineRows(db: D1Database, orgId: number, year: string): Promise<{ rows: BaselineRow[]; changes: Map<string, ChangeRow[]> }> {
  const [b, c] = await db.batch([
    db.prepare('SELECT id_hmac, id_masked, name, category, base_fen, due_fen, fixed_at FROM year_baselines WHERE org_id = ? AND year = ? ORDER BY fixed_at, rowid').bind(orgId, year),
    db.prepare('SELECT id_hmac, from_month, base_fen, due_fen, reason, at FROM baseline_changes WHERE org_id = ? AND year = ? ORDER BY id').bind(orgId, year),
  ]);
  const changes = new Map<string, ChangeRow[]>();
  for (const r of (c?.results ?? []) as ChangeRow[]) {
    const list = changes.get(r.id_hmac);
    if (list) list.push(r);
    else changes.set(r.id_hmac, [r]);
  }
  return { rows: (b?.results ?? []) as BaselineRow[], changes };
}

export const changeOf = (c: ChangeRow): BaselineChange => ({ fromMonth: c.from_month, baseFen: c.base_fen, dueFen: c.due_fen, reason: c.reason });
const figuresOf = (r: BaselineRow) => ({ baseFen: r.base_fen, dueFen: r.due_fen });

/** The contract's answer. `withBases` false withholds every base (income) from the reader. */
export async function readBaseline(db: D1Database, org: OrgRow, year: string, withBases: boolean): Promise<Baseline> {
  const { rows, changes } = await baselineRows(db, org.id, year);
  let baseSum = 0;
  let dueSum = 0;
  const findings: RecordFinding[] = [];
  const members = rows.map((r): BaselineMember => {
    const cs = changes.get(r.id_hmac) ?? [];
    const who = { name: r.name, idMasked: r.id_masked };
    baseSum += r.base_fen ?? 0;
    dueSum += r.due_fen;
    if (withBases) findings.push(...changeFindings(who, figuresOf(r), cs.map(changeOf)));
    return {
      member: who, category: r.category, baseFen: withBases ? r.base_fen : null, dueFen: r.due_fen, fixedAt: r.fixed_at,
      changes: cs.map((c) => ({ fromMonth: c.from_month, baseFen: withBases ? c.base_fen : null, dueFen: c.due_fen, reason: c.reason, at: c.at })),
    };
  });
  return {
    branch: org.code, year, fixed: rows.length > 0, basesWithheld: !withBases, members,
    totals: { members: rows.length, baseFen: withBases ? baseSum : null, dueFen: dueSum }, findings,
  };
}

/** A finding from the baseline as a revision stores it: no cell, so the sheet says 年初核定 and the cell the masked ID. */
export function asSubmittedFinding(f: RecordFinding): { code: string; severity: 'warning' | 'info'; sheet: string; cell: string; message: string } {
  return { code: f.code, severity: f.severity === 'error' ? 'warning' : f.severity, sheet: '年初核定', cell: f.member.idMasked.slice(0, 20), message: f.message };
}

/** 停止党籍: nothing is due while membership is suspended (dues-standard §4), so no figure to hold to a baseline. */
const suspended = (m: SubmissionMember) => m.standing === '停止党籍' || m.category === '停止党籍';

export interface SubmissionBaseline {
  statements: D1PreparedStatement[];
  findings: RecordFinding[];
  receipt: ReceiptBaseline;
}

/**
 * What the year's baseline makes of a submitted quarter. With a baseline: each member's months
 * against the figures in force (BASELINE_DIFFERS) and the changes recorded within the quarter
 * (BASELINE_CHANGE_RECORDED). Without one, this first submission of the year carries it: each
 * member's first month from joining (baselineFromMonths) becomes their baseline, in the same batch.
 * Members the baseline does not hold (new members, arrivals) and suspended members are not judged here.
 */
export async function baselineForSubmission(
  db: D1Database, orgId: number, tokenId: number, at: string, quarterMonths: readonly string[],
  members: readonly SubmissionMember[], hmacs: readonly string[], masked: readonly string[],
): Promise<SubmissionBaseline> {
  const year = quarterMonths[0]!.slice(0, 4);
  const existing = await baselineRows(db, orgId, year);
  const statements: D1PreparedStatement[] = [];
  let fixed = new Map(existing.rows.map((r) => [r.id_hmac, figuresOf(r)]));
  const fixedNow = existing.rows.length === 0;
  if (fixedNow) {
    const lines: BaselineLine[] = [];
    fixed = new Map();
    members.forEach((m, i) => {
      if (suspended(m)) return;
      const joinMonth = m.joinDate.slice(0, 7);
      const b = baselineFromMonths(year, m.months.filter((mo) => mo.month >= joinMonth));
      if (!b || fixed.has(hmacs[i]!)) return;
      fixed.set(hmacs[i]!, b);
      lines.push([hmacs[i]!, masked[i]!, m.name, m.category, b.baseFen, b.dueFen]);
    });
    statements.push(...insertBaselineStatements(db, orgId, year, tokenId, at, lines, true));
  }
  const findings: RecordFinding[] = [];
  const first = quarterMonths[0]!;
  const last = quarterMonths[quarterMonths.length - 1]!;
  let differs = 0;
  let recorded = 0;
  members.forEach((m, i) => {
    const b = fixed.get(hmacs[i]!);
    if (!b || suspended(m)) return;
    const who = { name: m.name, idMasked: masked[i]! };
    const cs = (existing.changes.get(hmacs[i]!) ?? []).map(changeOf);
    const joinMonth = m.joinDate.slice(0, 7);
    const d = baselineFindings(who, b, cs, m.months.filter((mo) => mo.month >= joinMonth));
    const r = changeFindings(who, b, cs).filter((f) => f.months[0]! >= first && f.months[0]! <= last);
    differs += d.length;
    recorded += r.length;
    findings.push(...d, ...r);
  });
  return { statements, findings, receipt: { year, fixedNow, members: fixed.size, differs, recorded } };
}
