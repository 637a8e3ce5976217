/**
 * Objects held for the life of the process so that V8 keeps their hidden classes (issue 14).
 * V8 holds a hidden class only weakly: when a full GC frees every object of a class, it also
 * throws away the optimised code that relied on it, and the next check spends ~100 ms
 * recompiling. A module-level `const` does not hold its object by itself: one that no function
 * reads is a local of the module's top-level code and dies with it, so the objects live here.
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
