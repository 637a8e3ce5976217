/**
 * A checked workbook → the quarter's submission (报送) per shared/api/contract.ts. Errors block
 * a submission (checks.md): the client refuses here, and the worker re-checks.
 */
import { SubmissionSchema, type Submission, type SubmissionMember } from '../api/contract';
import type { CheckResult } from '../check';
import { quarterMonths } from '../quarter';

export class SubmissionRefused extends Error {
  constructor(message: string, readonly errors: number) {
    super(message);
    this.name = 'SubmissionRefused';
  }
}

/**
 * Build the Submission for `quarter` ('2026Q3'). Members who joined after the quarter are left
 * out; months of the quarter before a member joined carry nothing due or paid.
 * Throws SubmissionRefused when the check found errors; the result is validated by the schema.
 */
export function buildSubmission(result: CheckResult, quarter: string): Submission {
  if (result.summary.errors > 0) {
    throw new SubmissionRefused(`cannot submit: the check found ${result.summary.errors} error(s)`, result.summary.errors);
  }
  const months = quarterMonths(quarter);
  const lastMonth = months[2];
  const members: SubmissionMember[] = [];
  let dueFen = 0;
  let paidFen = 0;
  for (const m of result.members) {
    if (!m.joinDate || m.joinDate.slice(0, 7) > lastMonth) continue;
    // 停止党籍: nothing is due, whatever the register says (and they may have no row at all).
    const category = m.standing === '停止党籍' ? '停止党籍' : m.category;
    if (!m.idNumber || !m.memberClass || !category) {
      throw new SubmissionRefused(`member ${m.name} (${m.sheet} row ${m.row + 1}) lacks an ID, class or category`, 1);
    }
    const d = m.dues;
    // Each array once (a member kept in columns makes them when asked: shared/roster/member.ts).
    const { baseFen: bases, dueFen: dues, paidFen: paids, largeFen: larges } = d;
    const quarterLines = months.map((month) => {
      const i = d.months.indexOf(month);
      return i < 0
        ? { month, baseFen: null, dueFen: 0, paidFen: 0, largeFen: 0 }
        : { month, baseFen: bases[i] ?? null, dueFen: dues[i] ?? 0, paidFen: paids[i] ?? 0, largeFen: larges[i] ?? 0 };
    });
    for (const l of quarterLines) {
      dueFen += l.dueFen;
      paidFen += l.paidFen;
    }
    members.push({
      name: m.name,
      idNumber: m.idNumber,
      memberClass: m.memberClass,
      standing: m.standing,
      category,
      joinDate: m.joinDate,
      months: quarterLines,
      unpaidStreak: m.unpaidStreak,
    });
  }
  const findings = result.findings
    .filter((f) => f.severity !== 'error')
    .map((f) => ({
      code: f.code, severity: f.severity as 'warning' | 'info', sheet: f.sheet.slice(0, 100), cell: f.cell,
      // Finance reads the warning away from the workbook: it names the member, as the pane does.
      message: `${f.member ? `${f.member}：` : ''}${f.message}`.slice(0, 500),
    }));
  return SubmissionSchema.parse({
    quarter,
    reportDate: result.asOf,
    members,
    findings,
    totals: { members: members.length, dueFen, paidFen },
  });
}
