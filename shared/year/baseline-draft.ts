/**
 * 核定本年度党费 from a checked workbook: what the pane and `duesbook baseline fix` send. Each
 * member's figures are those of the year's first month the register holds for them from joining
 * (baselineFromMonths; 2017通知: fixed at the start of the year). Members who cannot be fixed are
 * listed with the reason rather than dropped silently.
 */
import type { BaselineFixRequest, BaselineMemberInput } from '../api/baseline';
import type { CheckResult } from '../check';
import { memberMonths } from '../roster/member';
import { baselineFromMonths } from './baseline';

export interface BaselineDraft {
  year: string;
  members: BaselineMemberInput[];
  /** Members left out, with why (no ID, no category, suspended, no month of the year). */
  skipped: { name: string; reason: string; reasonEn: string }[];
  totals: { members: number; baseFen: number; dueFen: number };
  /** Errors the check found: a baseline from a register with errors would fix wrong figures. */
  errors: number;
}

export function baselineDraft(result: CheckResult, year: string): BaselineDraft {
  const members: BaselineMemberInput[] = [];
  const skipped: BaselineDraft['skipped'] = [];
  const seen = new Set<string>();
  let baseFen = 0;
  let dueFen = 0;
  for (const m of result.members) {
    if (!m.idNumber) {
      skipped.push({ name: m.name, reason: '无有效身份证号', reasonEn: 'no valid ID number' });
      continue;
    }
    if (seen.has(m.idNumber)) continue; // the checker reports the duplicate; the first row stands
    // 停止党籍: nothing is due while membership is suspended (dues-standard §4), nothing to fix.
    if (m.standing === '停止党籍') {
      skipped.push({ name: m.name, reason: '停止党籍，不计应交', reasonEn: 'membership suspended: nothing due' });
      continue;
    }
    if (!m.category) {
      skipped.push({ name: m.name, reason: '缴费类别不明', reasonEn: 'no dues category' });
      continue;
    }
    const joinMonth = m.joinDate?.slice(0, 7) ?? '';
    const b = baselineFromMonths(year, memberMonths(m).filter((mo) => mo.month >= joinMonth));
    if (!b) {
      skipped.push({ name: m.name, reason: `登记表中没有${year}年的月份`, reasonEn: `no month of ${year} in the register` });
      continue;
    }
    seen.add(m.idNumber);
    members.push({ idNumber: m.idNumber, name: m.name, category: m.category, baseFen: b.baseFen, dueFen: b.dueFen });
    baseFen += b.baseFen ?? 0;
    dueFen += b.dueFen;
  }
  return { year, members, skipped, totals: { members: members.length, baseFen, dueFen }, errors: result.summary.errors };
}

/** The request for the server; null when there is nothing to fix. */
export function fixRequestOf(d: BaselineDraft): BaselineFixRequest | null {
  return d.members.length ? { year: d.year, members: d.members } : null;
}
