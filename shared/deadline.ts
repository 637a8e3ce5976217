/**
 * 报送截止: when a branch's quarter is due at the committee, and how near that is. The committee
 * sets it (settings.deadlines per quarter, else deadlineDay of the month after the quarter).
 * Reminders are texts people copy; nothing is sent by itself (design.md, "The year").
 */
import { quarterEnd, quarterLabel, type QuarterId } from './quarter';
import type { CommitteeSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings-defaults';

type Deadlines = Pick<CommitteeSettings, 'deadlineDay' | 'deadlines'>;

/** The quarter's deadline, 'YYYY-MM-DD'. */
export function quarterDeadline(q: QuarterId, s: Deadlines): string {
  const set = s.deadlines[q];
  if (set) return set;
  const end = quarterEnd(q);
  let y = Number(end.slice(0, 4));
  let m = Number(end.slice(5, 7)) + 1;
  if (m > 12) { m = 1; y += 1; }
  return `${y}-${String(m).padStart(2, '0')}-${String(s.deadlineDay).padStart(2, '0')}`;
}

/** Whole days from `today` to `date` (both 'YYYY-MM-DD'): negative once the date has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** '2026-10-10' → '2026年10月10日'. */
export function dateText(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** A reminder days before the deadline, and every day after it while not submitted. */
export const REMIND_DAYS_BEFORE = 7;

export function isDueSoon(q: QuarterId, s: Deadlines, today: string): boolean {
  return daysUntil(quarterDeadline(q, s), today) <= REMIND_DAYS_BEFORE && today > quarterEnd(q);
}

/** The 催报 text finance copies for one branch. */
export function reminderText(branch: string, committee: string, q: QuarterId, s: Deadlines, today: string): string {
  const d = quarterDeadline(q, s);
  const left = daysUntil(d, today);
  const when = left >= 0 ? `请于${dateText(d)}前` : `报送截止日期${dateText(d)}已过，请尽快`;
  return `【催报】${branch}：${when}报送${quarterLabel(q)}党费收缴情况。如有困难请联系${committee}。`;
}

/** The 催缴 list a branch copies: who owes what, six-month cases first (党章 第九条). */
export function arrearsReminderText(branch: string, q: QuarterId, people: { name: string; arrearsFen: number; unpaidStreak: number }[]): string {
  const owing = people.filter((p) => p.arrearsFen > 0).sort((a, b) => b.unpaidStreak - a.unpaidStreak || b.arrearsFen - a.arrearsFen);
  const lines = owing.map((p, i) => `${i + 1}. ${p.name}：欠交 ${(p.arrearsFen / 100).toFixed(2)} 元${p.unpaidStreak >= 6 ? `（已连续 ${p.unpaidStreak} 个月未交，请支部核实）` : p.unpaidStreak > 0 ? `（连续 ${p.unpaidStreak} 个月未交）` : ''}`);
  return [`【催缴】${branch} ${quarterLabel(q)}欠交党费名单（共 ${owing.length} 人）：`, ...lines, '请按时交纳党费。'].join('\n');
}

/** The deadline rules out of fetched settings (any shape), the defaults where they are missing or wrong. */
export function deadlineSettings(settings: unknown): Deadlines {
  const o = (settings ?? {}) as Partial<Deadlines>;
  const day = typeof o.deadlineDay === 'number' && Number.isInteger(o.deadlineDay) && o.deadlineDay >= 1 && o.deadlineDay <= 28 ? o.deadlineDay : DEFAULT_SETTINGS.deadlineDay;
  const deadlines: Record<string, string> = {};
  if (o.deadlines && typeof o.deadlines === 'object') {
    for (const [q, d] of Object.entries(o.deadlines)) if (/^\d{4}Q[1-4]$/.test(q) && typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) deadlines[q] = d;
  }
  return { deadlineDay: day, deadlines };
}
