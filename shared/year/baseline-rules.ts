/**
 * What a 年初核定 request must satisfy before anything is stored (2017通知; dues-standard.md §4):
 * each member once, a valid ID, and a change that falls within the year it changes. Problems in
 * plain words; the worker answers them 422 and writes nothing.
 */
import { checkCharacter, maskId } from '../idcard';

export interface FixDraft {
  year: string;
  members: readonly { idNumber: string; name: string }[];
}

const MAX_LISTED = 20;

/** An 18-character ID whose check character is right (the schema has checked the shape). */
export function idChecks(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && checkCharacter(id.slice(0, 17)) === id[17];
}

export function fixProblems(d: FixDraft): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  d.members.forEach((m, i) => {
    if (out.length >= MAX_LISTED) return;
    if (!idChecks(m.idNumber)) out.push(`members.${i}: ${m.name}'s ID number ${maskId(m.idNumber)} has a wrong check character`);
    const first = seen.get(m.idNumber);
    if (first !== undefined) out.push(`members.${i}: ${m.name} is listed twice (same ID number as members.${first}); a member has one baseline`);
    else seen.set(m.idNumber, i);
  });
  return out;
}

export function changeProblems(year: string, c: { idNumber: string; fromMonth: string }): string[] {
  const out: string[] = [];
  if (!idChecks(c.idNumber)) out.push(`the ID number ${maskId(c.idNumber)} has a wrong check character`);
  if (!c.fromMonth.startsWith(`${year}-`)) out.push(`fromMonth ${c.fromMonth} is not in ${year}: a change is recorded in the year whose baseline it changes`);
  return out;
}
