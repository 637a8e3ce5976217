/**
 * The roster's duplicate-ID search (DUPLICATE_MEMBER) and the register's ID key → first member
 * index, without a string-keyed Map per check (issue 14: the Map's get + set were ≈ 15 % of
 * checkRoster in a roster-only profile, ≈ 4.5 % of a whole check).
 *
 * An ID key shaped like a plain ID (17 digits, then a digit or X) is two int32 numbers: the
 * first 8 digits with the last character, and digits 9–17. Such keys go into an open-addressing
 * table of typed arrays; any other key (a broken ID's text) into a small Map.
 */
import { codeAt } from '../cell-text';

/** `key`'s two numbers in digitHi/digitLo when it is 17 digits and a digit or X, else false. */
export function digitKey(key: string): boolean {
  if (key.length !== 18) return false;
  let hi = 0;
  for (let i = 0; i < 8; i++) {
    const d = codeAt(key, i) - 48;
    if (d < 0 || d > 9) return false;
    hi = hi * 10 + d;
  }
  let lo = 0;
  for (let i = 8; i < 17; i++) {
    const d = codeAt(key, i) - 48;
    if (d < 0 || d > 9) return false;
    lo = lo * 10 + d;
  }
  const last = codeAt(key, 17);
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

/** The slot of (hi, lo) in `slots` (3 int32 per slot: member index + 1, hi, lo): its own or the empty one it would take. */
function probe(slots: Int32Array, mask: number, hi: number, lo: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  let s = h & mask;
  for (;;) {
    const at = slots[s * 3]!;
    if (at === 0 || (slots[s * 3 + 1] === hi && slots[s * 3 + 2] === lo)) return s;
    s = (s + 1) & mask;
  }
}

const NO_SLOTS = new Int32Array(0);

/**
 * ID keys → the index of the first member that had each, for one roster table at a time. One
 * long-lived instance; finish() hands its slots to the table's FirstIndex (or empties them), so
 * it keeps no ID between checks.
 *
 * Keys are collected as the rows are read and entered in one tight loop after the last row
 * (resolve()): entered between rows, each probe of the 400 KB table (10,000 members) missed the
 * cache the row's own reading had just filled, and waited alone (issue 14: 17 % of the roster
 * pass); in a loop of their own the misses overlap. Entered in member order, so every key's
 * first member is the one it was.
 */
export class IdKeyTable {
  /** 3 int32 per slot: member index + 1 (0 for an empty slot), hi, lo; in one array, so a probe touches one cache line. */
  private slots = NO_SLOTS;
  private mask = 0;
  private used = 0;
  /** Keys not shaped like a plain ID. */
  private others = new Map<string, number>();
  /** The key of each member in order (null for none): what FirstIndex iterates. */
  private keys: (string | null)[] = [];
  /** Keys given and not yet entered: member index, hi, lo (digit keys); member index (others). */
  private pending = NO_SLOTS;
  private pendingCount = 0;
  private pendingOthers: number[] = [];

  /** Ready for a table of up to `rows` members. */
  start(rows: number): void {
    let size = 64;
    while (size < rows * 2) size *= 2;
    if (size * 3 > this.slots.length) this.slots = new Int32Array(size * 3);
    this.mask = size - 1;
    this.used = 0;
    this.others = new Map<string, number>();
    this.keys = [];
    if (this.pending.length < rows * 3) this.pending = new Int32Array(rows * 3);
    this.pendingCount = 0;
    this.pendingOthers = [];
  }

  /**
   * Done with the table: its keys as a FirstIndex when `index` (the slots go with it, and a new
   * table gets new ones), else null (the slots are emptied for the next table).
   */
  finish(index: boolean): FirstIndex | null {
    const first = index ? new FirstIndex(this.slots, this.mask, this.others, this.keys, this.used + this.others.size) : null;
    if (index) this.slots = NO_SLOTS;
    // A 100,000-member roster's slots are not kept for the next, usually smaller, check.
    else if (this.slots.length > 3 * 65_536) this.slots = NO_SLOTS;
    else this.slots.fill(0, 0, (this.mask + 1) * 3);
    this.mask = 0;
    this.used = 0;
    this.others = new Map<string, number>();
    this.keys = [];
    // The pending keys are IDs in all but form: none stays in the buffer (after a throw, too).
    this.pending.fill(0, 0, this.pendingCount * 3);
    if (this.pending.length > 3 * 65_536) this.pending = NO_SLOTS;
    this.pendingCount = 0;
    this.pendingOthers = [];
    return first;
  }

  /** Member `index` has ID key (hi, lo) from digitKey or the quick ID path, `key` its text (entered by resolve()). */
  addDigits(hi: number, lo: number, key: string, index: number): void {
    this.keys[index] = key;
    let at = this.pendingCount * 3;
    if (at + 3 > this.pending.length) {
      const more = new Int32Array(Math.max(96, this.pending.length * 2));
      more.set(this.pending);
      this.pending = more;
    }
    const p = this.pending;
    p[at++] = index;
    p[at++] = hi;
    p[at] = lo;
    this.pendingCount += 1;
  }

  /** addDigits for a key given as text alone (any shape). */
  add(key: string, index: number): void {
    if (digitKey(key)) return this.addDigits(digitHi, digitLo, key, index);
    this.keys[index] = key;
    this.pendingOthers.push(index);
  }

  /**
   * Enters the keys given since start(), in member order: [member index, index of the first
   * member with its key] for each member whose key an earlier member had (usually none).
   */
  resolve(): number[] {
    const repeats: number[] = [];
    const p = this.pending;
    const n = this.pendingCount * 3;
    const others = this.pendingOthers;
    // The two kinds merged by member index, so the repeats come in row order.
    let i = 0;
    let o = 0;
    while (i < n || o < others.length) {
      if (o >= others.length || (i < n && p[i]! < others[o]!)) {
        const first = this.firstOrAddDigits(p[i + 1]!, p[i + 2]!, p[i]!);
        if (first >= 0) repeats.push(p[i]!, first);
        i += 3;
      } else {
        const index = others[o++]!;
        const key = this.keys[index]!;
        const first = this.others.get(key);
        if (first !== undefined) repeats.push(index, first);
        else this.others.set(key, index);
      }
    }
    p.fill(0, 0, n);
    this.pendingCount = 0;
    this.pendingOthers = [];
    return repeats;
  }

  /** The index of the first member with key (hi, lo), or -1 when `index` is the first (and now recorded). */
  private firstOrAddDigits(hi: number, lo: number, index: number): number {
    const slots = this.slots;
    const s = probe(slots, this.mask, hi, lo);
    const at = slots[s * 3]!;
    if (at !== 0) return at - 1;
    slots[s * 3] = index + 1;
    slots[s * 3 + 1] = hi;
    slots[s * 3 + 2] = lo;
    // start() sized the table for its rows; a caller with more keeps the load at most a half.
    if (++this.used * 2 > this.mask) this.grow();
    return -1;
  }

  /** Member `index` has no key: keeps `keys` dense (every member of a table with IDs says one). */
  none(index: number): void {
    this.keys[index] = null;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 3);
    for (let s = 0; s < old.length; s += 3) {
      if (old[s] === 0) continue;
      const t = probe(slots, size - 1, old[s + 1]!, old[s + 2]!);
      slots[t * 3] = old[s]!;
      slots[t * 3 + 1] = old[s + 1]!;
      slots[t * 3 + 2] = old[s + 2]!;
    }
    this.slots = slots;
    this.mask = size - 1;
  }
}

/**
 * ID key → index of its first member (ctx.ids.first), answered from the reader's own slots:
 * the register asks when a row is not where the roster's order says (register/match.ts), and a
 * Map of every key, built for that, cost as much as the search it served (issue 14). Its content
 * is that of the Map the reader used to fill; iterating builds that Map, in the same order.
 */
export class FirstIndex implements ReadonlyMap<string, number> {
  private map: Map<string, number> | null = null;
  constructor(
    private readonly slots: Int32Array,
    private readonly mask: number,
    private readonly others: ReadonlyMap<string, number>,
    private readonly keyList: readonly (string | null)[],
    readonly size: number,
  ) {}

  private built(): Map<string, number> {
    if (this.map === null) {
      const map = new Map<string, number>();
      const keys = this.keyList;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (k != null && !map.has(k)) map.set(k, i);
      }
      this.map = map;
    }
    return this.map;
  }

  get(key: string): number | undefined {
    if (!digitKey(key)) return this.others.get(key);
    if (this.slots.length === 0) return undefined;
    const at = this.slots[probe(this.slots, this.mask, digitHi, digitLo) * 3]!;
    return at === 0 ? undefined : at - 1;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
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
