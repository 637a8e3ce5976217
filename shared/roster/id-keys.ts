/**
 * The roster's duplicate-ID search (DUPLICATE_MEMBER) and the register's ID key → first member
 * index, without a string-keyed Map per check (issue 14: the Map's get + set were ≈ 15 % of
 * checkRoster in a roster-only profile, ≈ 4.5 % of a whole check).
 *
 * An ID key shaped like a plain ID (17 digits, then a digit or X) is two int32 numbers: the
 * first 8 digits with the last character, and digits 9–17. Such keys go into an open-addressing
 * table of typed arrays; any other key (a broken ID's text) into a small Map.
 */

/** `key`'s two numbers in digitHi/digitLo when it is 17 digits and a digit or X, else false. */
export function digitKey(key: string): boolean {
  if (key.length !== 18) return false;
  let hi = 0;
  for (let i = 0; i < 8; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    hi = hi * 10 + d;
  }
  let lo = 0;
  for (let i = 8; i < 17; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    lo = lo * 10 + d;
  }
  const last = key.charCodeAt(17);
  if (last === 88) hi = hi * 11 + 10;
  else if (last >= 48 && last <= 57) hi = hi * 11 + (last - 48);
  else return false;
  digitHi = hi;
  digitLo = lo;
  return true;
}
// digitKey's answer, in module variables rather than an object per key.
export let digitHi = 0;
export let digitLo = 0;

/**
 * ID keys → the index of the first member that had each, for one roster table at a time.
 * One long-lived instance (its typed arrays reused), emptied by finish(): it keeps no ID
 * between checks.
 */
export class IdKeyTable {
  private hi = new Int32Array(64);
  private lo = new Int32Array(64);
  /** Member index + 1 per slot; 0 is an empty slot. */
  private at = new Int32Array(64);
  private mask = 63;
  private used = 0;
  /** Keys not shaped like a plain ID. */
  private others = new Map<string, number>();
  /** The key of each member in order (null for none): what FirstIndex is built from. */
  private keys: (string | null)[] = [];

  /** Ready for a table of up to `rows` members. */
  start(rows: number): void {
    let size = 64;
    while (size < rows * 2) size *= 2;
    if (size > this.at.length) this.allocate(size);
    this.mask = size - 1;
    this.used = 0;
    this.others = new Map<string, number>();
    this.keys = [];
  }

  /** The keys in member order; the table lets go of them and of its slots. */
  finish(): (string | null)[] {
    const keys = this.keys;
    this.at.fill(0, 0, this.mask + 1);
    this.hi.fill(0, 0, this.mask + 1);
    this.lo.fill(0, 0, this.mask + 1);
    // A 100,000-member roster's slots are not kept for the next, usually smaller, check.
    if (this.at.length > 65_536) this.allocate(64);
    this.mask = 63;
    this.used = 0;
    this.others = new Map<string, number>();
    this.keys = [];
    return keys;
  }

  /**
   * Member `index` has ID key (hi, lo) from digitKey or the quick ID path, `key` its text:
   * the index of the first member with it, or -1 when it is the first (and now recorded).
   */
  firstOrAddDigits(hi: number, lo: number, key: string, index: number): number {
    const mask = this.mask;
    let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let s = h & mask;
    const at = this.at;
    this.keys[index] = key;
    for (;;) {
      const a = at[s]!;
      if (a === 0) break;
      if (this.hi[s] === hi && this.lo[s] === lo) return a - 1;
      s = (s + 1) & mask;
    }
    at[s] = index + 1;
    this.hi[s] = hi;
    this.lo[s] = lo;
    // start() sized the table for its rows; a caller with more keeps the load at most a half.
    if (++this.used * 2 > mask) this.grow();
    return -1;
  }

  /** firstOrAddDigits for a key given as text alone (any shape). */
  firstOrAdd(key: string, index: number): number {
    if (digitKey(key)) return this.firstOrAddDigits(digitHi, digitLo, key, index);
    this.keys[index] = key;
    const first = this.others.get(key);
    if (first !== undefined) return first;
    this.others.set(key, index);
    return -1;
  }

  /** Member `index` has no key: keeps `keys` dense (every member of a table with IDs says one). */
  none(index: number): void {
    this.keys[index] = null;
  }

  private allocate(size: number): void {
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.at = new Int32Array(size);
  }

  private grow(): void {
    const { hi, lo, at } = this;
    const old = this.mask + 1;
    this.allocate(old * 2);
    this.mask = old * 2 - 1;
    for (let s = 0; s < old; s++) {
      const a = at[s]!;
      if (a === 0) continue;
      let h = Math.imul(hi[s]! ^ Math.imul(lo[s]!, 0x9e3779b1), 0x85ebca6b);
      h ^= h >>> 15;
      let t = h & this.mask;
      while (this.at[t] !== 0) t = (t + 1) & this.mask;
      this.at[t] = a;
      this.hi[t] = hi[s]!;
      this.lo[t] = lo[s]!;
    }
  }
}

/**
 * ID key → index of its first member, as a ReadonlyMap built only when first asked: the
 * register asks only when a row is not where the roster's order says (register/match.ts).
 * Its content is that of the Map the reader used to fill, in the same order.
 */
export class FirstIndex implements ReadonlyMap<string, number> {
  private map: Map<string, number> | null = null;
  constructor(private keyList: readonly (string | null)[]) {}

  private built(): Map<string, number> {
    if (this.map === null) {
      const map = new Map<string, number>();
      const keys = this.keyList;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (k != null && !map.has(k)) map.set(k, i);
      }
      this.map = map;
      this.keyList = [];
    }
    return this.map;
  }

  get(key: string): number | undefined {
    return this.built().get(key);
  }
  has(key: string): boolean {
    return this.built().has(key);
  }
  get size(): number {
    return this.built().size;
  }
  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    this.built().forEach((v, k) => fn.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, number]> {
    return this.built().entries();
  }
  keys(): MapIterator<string> {
    return this.built().keys();
  }
  values(): MapIterator<number> {
    return this.built().values();
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.built()[Symbol.iterator]();
  }
}
