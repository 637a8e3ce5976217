/**
 * Who keeps the money: finance and the administrator of the 党委 (the committee keeps the 党费
 * account and remits from it; a 总支 or 支部 hands its dues up and keeps none). Checked before
 * anything is read, so a 总支's token learns nothing about the committee's account.
 */
import { requireRole } from '../auth';
import type { Auth, OrgRow } from '../env';
import { forbidden } from '../errors';

export function committeeOfAccounts(auth: Auth): OrgRow {
  requireRole(auth, 'finance', 'admin');
  if (auth.org.kind !== '党委' || auth.org.id !== auth.org.root_id) {
    throw forbidden('the 党费 account is kept by the 党委: use a finance or admin token of the 党委');
  }
  return auth.org;
}

/** A year the routes accept: not before 2008 (the 2008规定 took effect 2008-04-01), not after this one. */
export function checkYear(year: string, today: string): string | null {
  if (year < '2008') return 'the accounts start in 2008 (2008规定 in force from 2008-04-01)';
  if (year > today.slice(0, 4)) return `${year} has not begun`;
  return null;
}
