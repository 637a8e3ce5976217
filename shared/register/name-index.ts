/**
 * Roster members by name for the register's match (RosterIndex, match.ts): the first member
 * index per compacted name, in an open-addressing table of member indexes. Hand-written
 * because a Map of 10,000 names cost ≈ 1.4 ms of a 10k check (issue 14: 3.7 % of its self time,
 * built for the handful of register rows whose ID names nobody); this table is a fraction of it.
 */
import { codeAt, compactText } from '../cell-text';
import type { MemberRecord } from '../roster/member';

const NO_SLOTS = new Int32Array(0);

/** FNV-1a over the UTF-16 code units (names are a few characters). */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  const n = s.length;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ codeAt(s, i), 0x01000193);
  return h ^ (h >>> 15);
}

/**
 * One long-lived instance (RosterIndex owns it): fill() per check, clear() lets go of the
 * names. The slots hold member index + 1 (0: empty) and survive between checks.
 */
export class NameIndex {
  private slots = NO_SLOTS;
  private mask = 0;
  /** Each member's compacted name ('' when none), by member index. */
  private keys: string[] = [];

  /** Indexes the members' names; the first member of each name is kept. */
  fill(members: readonly MemberRecord[]): void {
    let size = 16;
    while (size < members.length * 2) size *= 2;
    if (this.slots.length < size) this.slots = new Int32Array(size);
    else this.slots.fill(0, 0, size);
    this.mask = size - 1;
    const keys = new Array<string>(members.length);
    for (let i = 0; i < members.length; i++) {
      const name = members[i]!.name;
      const key = name ? compactText(name) : '';
      keys[i] = key;
      if (!key) continue;
      let s = hashOf(key) & this.mask;
      for (;;) {
        const at = this.slots[s]!;
        if (at === 0) {
          this.slots[s] = i + 1;
          break;
        }
        if (keys[at - 1] === key) break; // an earlier member has the name
        s = (s + 1) & this.mask;
      }
    }
    this.keys = keys;
  }

  /** The first member with this (compacted) name, or undefined. */
  get(name: string): number | undefined {
    if (!name || this.mask === 0) return undefined;
    const keys = this.keys;
    let s = hashOf(name) & this.mask;
    for (;;) {
      const at = this.slots[s]!;
      if (at === 0) return undefined;
      if (keys[at - 1] === name) return at - 1;
      s = (s + 1) & this.mask;
    }
  }

  /** Lets go of the names (the slots keep only numbers). */
  clear(): void {
    this.keys = [];
    this.mask = 0;
  }
}
