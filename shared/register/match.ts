/** Which roster member a register row belongs to: by 公民身份号码, else by name (checks.md). */
import { normaliseIdText, upgrade15 } from '../idcard';
import { codeAt } from '../cell-text';
import type { MemberRecord } from '../roster/member';
import { keepAlive } from '../keep-alive';
import { NameIndex } from './name-index';

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
    const c = codeAt(v, i);
    if (c < 48 || c > 57) return false;
  }
  const last = codeAt(v, 17);
  return (last >= 48 && last <= 57) || last === 88; // 0-9 or X
}

/** What the roster check learnt about IDs: whether any repeat, and each key's first member. */
export interface RosterIds {
  /** No two roster rows share an ID key (one roster sheet without DUPLICATE_MEMBER). */
  unique: boolean;
  /** ID key → index of the member whose row first had it (checkRoster's own map), when unique. */
  first?: ReadonlyMap<string, number>;
  /** Each member's nameHash (roster/name-hash.ts) by index, when the members are one roster's. */
  nameHashes?: Int32Array;
}

/**
 * Roster members by ID and by name. Register rows mostly follow the roster's order, so a
 * lookup first tries the member after the last hit (`hint`); the maps are built only when
 * that guess misses, and the guess is trusted only when no two roster rows share an ID.
 */
export class RosterIndex {
  /** First roster index per ID and per name; IDs on several rows also in `sharedIds`. */
  private byId: ReadonlyMap<string, number> | null = null;
  private sharedIds = new Map<string, number[]>();
  private readonly byName = new NameIndex();
  private byNameFilled = false;
  private idsUnique = false;
  private firstByKey: ReadonlyMap<string, number> | null = null;
  private nameHashes: Int32Array | null = null;
  /** Whether the last find() matched by ID (for DUES_NAME_MISMATCH). */
  byIdHit = false;
  members: MemberRecord[] = [];

  constructor(members: MemberRecord[], ids: RosterIds | boolean = false) {
    this.reset(members, ids);
  }

  /**
   * The index of other members (nothing looked up yet): lets one long-lived index serve every
   * check (register/checks.ts RegisterPass), so its hidden class, and the optimised code using
   * it, outlive a full GC (issue 14).
   */
  reset(members: MemberRecord[], ids: RosterIds | boolean = false): void {
    const info = typeof ids === 'boolean' ? { unique: ids, first: undefined } : ids;
    this.members = members;
    this.idsUnique = info.unique;
    this.firstByKey = info.unique ? info.first ?? null : null;
    this.nameHashes = typeof ids === 'boolean' ? null : ids.nameHashes ?? null;
    this.byId = null;
    this.sharedIds = new Map<string, number[]>();
    this.byName.clear();
    this.byNameFilled = false;
    this.byIdHit = false;
  }

  /** First index with this idNumber, or undefined. */
  private idIndex(id: string): number | undefined {
    if (this.firstByKey) {
      // Unique keys: the member keyed by the text is the one, if its ID is that text (a broken
      // ID is keyed by its own text but has no idNumber).
      const i = this.firstByKey.get(id);
      return i !== undefined && this.members[i]?.idNumber === id ? i : undefined;
    }
    if (this.byId === null) {
      // Loops, not forEach: a closure made per check is re-optimised at every check (issue 14).
      const byId = new Map<string, number>();
      const members = this.members;
      for (let i = 0; i < members.length; i++) {
        const id = members[i]!.idNumber;
        if (!id) continue;
        const first = byId.get(id);
        if (first === undefined) byId.set(id, i);
        else {
          const list = this.sharedIds.get(id);
          if (list) list.push(i);
          else this.sharedIds.set(id, [first, i]);
        }
      }
      this.byId = byId;
    }
    return this.byId.get(id);
  }

  private nameIndex(name: string): number | undefined {
    if (!this.byNameFilled) {
      this.byName.fill(this.members, this.nameHashes);
      this.byNameFilled = true;
    }
    return this.byName.get(name);
  }

  /** Index of the member (−1 when none); byIdHit says whether the ID matched. */
  find(id: string | null, name: string, hint = -1): number {
    if (id && this.idsUnique && hint >= 0 && hint < this.members.length && this.members[hint]!.idNumber === id) {
      this.byIdHit = true;
      return hint;
    }
    if (id) {
      const first = this.idIndex(id);
      if (first !== undefined) {
        // Two roster rows with one ID (already a DUPLICATE_MEMBER): prefer the same name.
        const shared = this.sharedIds.get(id);
        const same = shared?.find((i) => this.members[i]!.name === name);
        this.byIdHit = true;
        return same ?? first;
      }
    }
    this.byIdHit = false;
    const byName = name ? this.nameIndex(name) : undefined;
    return byName ?? -1;
  }
}
// One instance for the module's life: V8 holds a hidden class only weakly, so a full GC between
// checks that frees every instance also throws away the optimised code using it (issue 14;
// held by keepAlive: a module-level const alone does not keep its object).
const KEEP_ROSTER_INDEX = keepAlive(new RosterIndex([], false));
void KEEP_ROSTER_INDEX;
