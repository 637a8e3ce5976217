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
  private byId = new Map<string, number[]>();
  private byName = new Map<string, number[]>();

  constructor(readonly members: MemberRecord[]) {
    members.forEach((m, i) => {
      if (m.idNumber) push(this.byId, m.idNumber, i);
      if (m.name) push(this.byName, compactText(m.name), i);
    });
  }

  /** Index of the member, and whether the ID matched (for DUES_NAME_MISMATCH). */
  find(id: string | null, name: string): { index: number; byId: boolean } | null {
    if (id) {
      const hits = this.byId.get(id);
      if (hits?.length) {
        // Two roster rows with one ID (already a DUPLICATE_MEMBER): prefer the same name.
        const same = hits.find((i) => this.members[i]!.name === name);
        return { index: same ?? hits[0]!, byId: true };
      }
    }
    const byName = name ? this.byName.get(name) : undefined;
    if (byName?.length) return { index: byName[0]!, byId: false };
    return null;
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
