/** Which roster member a register row belongs to: by 公民身份号码, else by name (checks.md). */
import { compactText } from '../cell-text';
import { normaliseIdText, upgrade15 } from '../idcard';
import type { MemberRecord } from '../roster/member';

/** The ID a register cell names, in the roster's 18-character form, or null. */
export function idKey(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = normaliseIdText(v);
  if (/^\d{17}[\dX]$/.test(s)) return s;
  if (/^\d{15}$/.test(s)) return upgrade15(s);
  return null;
}

export class RosterIndex {
  /** First roster index per ID and per name; IDs on several rows also in `sharedIds`. */
  private byId = new Map<string, number>();
  private sharedIds = new Map<string, number[]>();
  private byName = new Map<string, number>();

  constructor(readonly members: MemberRecord[]) {
    members.forEach((m, i) => {
      if (m.idNumber) {
        const first = this.byId.get(m.idNumber);
        if (first === undefined) this.byId.set(m.idNumber, i);
        else {
          const list = this.sharedIds.get(m.idNumber);
          if (list) list.push(i);
          else this.sharedIds.set(m.idNumber, [first, i]);
        }
      }
      if (m.name) {
        const key = compactText(m.name);
        if (!this.byName.has(key)) this.byName.set(key, i);
      }
    });
  }

  /** Index of the member, and whether the ID matched (for DUES_NAME_MISMATCH). */
  find(id: string | null, name: string): { index: number; byId: boolean } | null {
    if (id) {
      const first = this.byId.get(id);
      if (first !== undefined) {
        // Two roster rows with one ID (already a DUPLICATE_MEMBER): prefer the same name.
        const shared = this.sharedIds.get(id);
        const same = shared?.find((i) => this.members[i]!.name === name);
        return { index: same ?? first, byId: true };
      }
    }
    const byName = name ? this.byName.get(name) : undefined;
    if (byName !== undefined) return { index: byName, byId: false };
    return null;
  }
}
