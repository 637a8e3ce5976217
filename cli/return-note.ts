/**
 * A return reaching the clerk on the command line (issue 12): when finance returned the
 * quarter's latest revision, `duesbook submit` prints the note, who returned it and when.
 */
import type { History } from '../shared/api/answers';

/** Beijing time, the clerks' clock: 2026-10-05 10:30. */
export function beijing(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : iso;
}

/** The lines to print for a returned latest revision; none when it was not returned. */
export function returnNoteLines(h: History): string[] {
  if (h.current.status !== 'returned') return [];
  const rev = h.revisions.find((r) => r.revision === h.current.revision);
  const review = rev?.reviews.filter((r) => r.action === 'returned').at(-1);
  if (!review) return [];
  const by = review.by ?? '财务 / finance';
  return [
    `已退回 / Returned: ${h.current.quarter} 第${h.current.revision}版 (revision ${h.current.revision}) — ${by}，${beijing(review.at)}`,
    `  退回意见 / note: ${review.note ?? '（无）'}`,
  ];
}
