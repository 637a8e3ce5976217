/**
 * Rules an approval record must satisfy before it is stored, and the warnings it carries
 * (dues-standard.md §4; 2008规定 第十二条).
 */
import { monthsBetween, monthRange } from '../dates';
import type { ApprovalKind } from './levels';

/** 补交 should not reach more than six months back (2008规定 第十二条). */
export const BACKPAY_LIMIT_MONTHS = 6;

export interface ApprovalDraft {
  kind: ApprovalKind;
  fromMonth: string;
  toMonth: string;
  amountFen: number;
  /** The day it was approved (补交: the day the money was paid). */
  approvedOn: string;
}

/** Problems that make a draft meaningless (answered 422 by the worker), in plain words. */
export function draftProblems(d: ApprovalDraft): string[] {
  const out: string[] = [];
  if (d.toMonth < d.fromMonth) out.push(`toMonth ${d.toMonth} is before fromMonth ${d.fromMonth}`);
  else if (monthRange(d.fromMonth, d.toMonth).length > 24) out.push('an approval covers at most 24 months; enter a new one for a longer period');
  if (d.kind === '免交' && d.amountFen !== 0) out.push('免交 (exemption) has amountFen 0: nothing is due');
  if (d.kind === '少交' && d.amountFen <= 0) out.push('少交 (reduction) needs the monthly amount still due (amountFen > 0); for nothing due use 免交');
  if (d.kind === '补交' && d.amountFen <= 0) out.push('补交 (back-payment) needs the amount paid (amountFen > 0)');
  if (d.kind === '补交' && d.toMonth > d.approvedOn.slice(0, 7)) out.push(`补交 covers months already past: ${d.toMonth} is after the payment on ${d.approvedOn}`);
  return out;
}

/**
 * How many months before the payment month a 补交 reaches (its earliest month), when more than
 * six; null otherwise (and for every other kind). A warning, not a refusal: the regulation says
 * "should not", and the branch may have its reasons.
 */
export function backPayReach(d: ApprovalDraft): number | null {
  if (d.kind !== '补交') return null;
  const reach = monthsBetween(d.fromMonth, d.approvedOn.slice(0, 7));
  return reach > BACKPAY_LIMIT_MONTHS ? reach : null;
}
