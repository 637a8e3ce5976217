/** Which roster member a register row belongs to: by 公民身份号码, else by name (checks.md). */
import { compactText } from '../cell-text';
import { normaliseIdText, upgrade15 } from '../idcard';
import type { MemberRecord } from '../roster/member';

/** The ID a register cell names, in the roster's 18-character form, or null. */
export function idKey(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  // The usual cell is already 17 digits and a digit or X: compacting and upper-casing keep it.
  if (v.length === 18 && plainId18(v)) return v;
  const s = normaliseIdText(v);
  if (/^\d{17}[\dX]$/.test(s)) return s;
  if (/^\d{15}$/.test(s)) return upgrade15(s);
  return null;
}

function plainId18(v: string): boolean {
  for (let i = 0; i < 17; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const last = v.charCodeAt(17);
  return (last >= 48 && last <= 57) || last === 88; // 0-9 or X
}

/**
 * Roster members by ID and by name. Register rows mostly follow the roster's order, so a
 * lookup first tries the member after the last hit (`hint`); the maps are built only when
 * that guess misses, and the guess is trusted only when no two roster rows share an ID.
 */
export class RosterIndex {
  /** First roster index per ID and per name; IDs on several rows also in `sharedIds`. */
  private byId: Map<string, number> | null = null;
  private sharedIds = new Map<string, number[]>();
  private byName: Map<string, number> | null = null;
  /** Whether the last find() matched by ID (for DUES_NAME_MISMATCH). */
  byIdHit = false;

  /** `idsUnique`: no ID is on two roster rows (checkRoster knows), so an ID hit is the only one. */
  constructor(readonly members: MemberRecord[], private readonly idsUnique = false) {}

  private build(): void {
    const byId = new Map<string, number>();
    const byName = new Map<string, number>();
    this.members.forEach((m, i) => {
      if (m.idNumber) {
        const first = byId.get(m.idNumber);
        if (first === undefined) byId.set(m.idNumber, i);
        else {
          const list = this.sharedIds.get(m.idNumber);
          if (list) list.push(i);
          else this.sharedIds.set(m.idNumber, [first, i]);
        }
      }
      if (m.name) {
        const key = compactText(m.name);
        if (!byName.has(key)) byName.set(key, i);
      }
    });
    this.byId = byId;
    this.byName = byName;
  }

  /** Index of the member (−1 when none); byIdHit says whether the ID matched. */
  find(id: string | null, name: string, hint = -1): number {
    if (id && this.idsUnique && hint >= 0 && hint < this.members.length && this.members[hint]!.idNumber === id) {
      this.byIdHit = true;
      return hint;
    }
    if (this.byId === null) this.build();
    if (id) {
      const first = this.byId!.get(id);
      if (first !== undefined) {
        // Two roster rows with one ID (already a DUPLICATE_MEMBER): prefer the same name.
        const shared = this.sharedIds.get(id);
        const same = shared?.find((i) => this.members[i]!.name === name);
        this.byIdHit = true;
        return same ?? first;
      }
    }
    this.byIdHit = false;
    const byName = name ? this.byName!.get(name) : undefined;
    return byName ?? -1;
  }
}
