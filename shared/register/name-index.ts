/**
 * Roster members by name for the register's match (RosterIndex, match.ts): the first member
 * index per compacted name, in an open-addressing table of member indexes. Hand-written
 * because a Map of 10,000 names cost ≈ 1.4 ms of a 10k check (issue 14: 3.7 % of its self time,
 * built for the handful of register rows whose ID names nobody); this table is a fraction of it.
 *
 * Filed by each name's hash, which the roster reader takes while the name is in hand: built from
 * those, the table reads no name at all, except to tell apart two names of one hash (reading
 * every member's name again, each a cold load, was most of its cost).
 */
import { compactText } from '../cell-text';
import { nameHash } from '../roster/name-hash';
import type { MemberRecord } from '../roster/member';

const NO_SLOTS: Int32Array = new Int32Array(0);

/**
 * One long-lived instance (RosterIndex owns it): fill() per check, clear() lets go of the
 * names. The slots hold member index + 1 (0: empty) and survive between checks.
 */
export class NameIndex {
  private slots: Int32Array = NO_SLOTS;
  private mask = 0;
  private members: readonly MemberRecord[] = [];
  /** Each member's nameHash of its compacted name, 0 when it has none. */
  private hashes: Int32Array = NO_SLOTS;
  /** Each member's compacted name, when the names given may not be compact (fill without hashes). */
  private keys: string[] | null = null;

  /**
   * Indexes the members' names; the first member of each name is kept. `hashes`, when given, is
   * each member's nameHash as the roster reader took it (0 for no name): the reader compacts the
   * names it keeps, so they are their own keys.
   */
  fill(members: readonly MemberRecord[], hashes: Int32Array | null = null): void {
    let size = 16;
    while (size < members.length * 2) size *= 2;
    if (this.slots.length < size) this.slots = new Int32Array(size);
    else this.slots.fill(0, 0, size);
    this.mask = size - 1;
    this.members = members;
    if (hashes !== null && hashes.length === members.length) {
      this.hashes = hashes;
      this.keys = null;
    } else {
      const keys = new Array<string>(members.length);
      const own = new Int32Array(members.length);
      for (let i = 0; i < members.length; i++) {
        const name = members[i]!.name;
        const key = name ? compactText(name) : '';
        keys[i] = key;
        own[i] = key ? nameHash(key) : 0;
      }
      this.hashes = own;
      this.keys = keys;
    }
    const slots = this.slots;
    const mask = this.mask;
    const all = this.hashes;
    for (let i = 0; i < members.length; i++) {
      const h = all[i]!;
      if (h === 0) continue;
      let s = h & mask;
      for (;;) {
        const at = slots[s]!;
        if (at === 0) {
          slots[s] = i + 1;
          break;
        }
        if (all[at - 1] === h && this.keyOf(at - 1) === this.keyOf(i)) break; // an earlier member has the name
        s = (s + 1) & mask;
      }
    }
  }

  /** The first member with this (compacted) name, or undefined. */
  get(name: string): number | undefined {
    if (!name || this.mask === 0) return undefined;
    const h = nameHash(name);
    let s = h & this.mask;
    for (;;) {
      const at = this.slots[s]!;
      if (at === 0) return undefined;
      if (this.hashes[at - 1] === h && this.keyOf(at - 1) === name) return at - 1;
      s = (s + 1) & this.mask;
    }
  }

  /** Lets go of the names (the slots keep only numbers). */
  clear(): void {
    this.members = [];
    this.hashes = NO_SLOTS;
    this.keys = null;
    this.mask = 0;
  }

  private keyOf(i: number): string {
    return this.keys === null ? this.members[i]!.name : this.keys[i]!;
  }
}
