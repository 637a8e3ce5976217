/**
 * Objects held for the life of the process so that V8 keeps their hidden classes (issue 14).
 * V8 holds a hidden class only weakly: when a full GC frees every object of a class, it also
 * throws away the optimised code that relied on it, and the next check spends ~100 ms
 * recompiling. A module-level `const` need not hold its object: one that no function reads can
 * be a local of the module's top-level code and die with it (so it did under tsx, which runs a
 * module as a function: `--log-maps` showed FindingList's hidden class made anew every check
 * while KEEP_FINDING_LIST existed), so the objects live here, read by an exported function.
 */
const held: unknown[] = [];

/** Holds `o` for good and returns it. For a few small specimens, never for data. */
export function keepAlive<T>(o: T): T {
  held.push(o);
  return o;
}

/** How many objects are held (for tests). */
export function keptCount(): number {
  return held.length;
}
