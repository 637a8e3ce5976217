/** What a transfer record must satisfy before it is stored (组织关系转接). */
import { monthsBetween } from '../dates';

/** How far 党费交至年月 may lie from the transfer's month: a year ahead (paid in advance), ten years back. */
export const PAID_AHEAD_MONTHS = 12;
export const PAID_BEHIND_MONTHS = 120;

export function transferProblems(t: { date: string; paidThrough: string }): string[] {
  const gap = monthsBetween(t.date.slice(0, 7), t.paidThrough);
  if (gap > PAID_AHEAD_MONTHS) return [`paidThrough ${t.paidThrough} is more than ${PAID_AHEAD_MONTHS} months after the transfer on ${t.date}`];
  if (gap < -PAID_BEHIND_MONTHS) return [`paidThrough ${t.paidThrough} is more than ${PAID_BEHIND_MONTHS / 12} years before the transfer on ${t.date}`];
  return [];
}
