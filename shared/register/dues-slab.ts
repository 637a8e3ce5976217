/**
 * Where member dues live: month figures in views over shared Float64Array chunks, so a member's
 * due and paid months are two small views (the numbers themselves off the JS heap) rather than
 * two arrays of boxed elements the garbage collector must copy while a check runs (issue 14:
 * 10,000 members made 40,000 such arrays per check). Float64, not Int32: a mistyped paid cell
 * can exceed 2^31 fen and must stay the number it was, and NaN must survive where it is used.
 */
const CHUNK = 16_384; // doubles: 128 KB, about 680 members' due and paid months

let chunk = new Float64Array(CHUNK);
let used = 0;

/** n fresh zeros of a chunk (never shared: the caller owns and fills them). */
export function takeFen(n: number): Float64Array {
  if (n > CHUNK) return new Float64Array(n);
  if (used + n > CHUNK) {
    // The old chunk stays alive exactly as long as a view on it does.
    chunk = new Float64Array(CHUNK);
    used = 0;
  }
  // The constructor on the buffer, not subarray(): the same view at half the cost (subarray
  // looks up a species constructor per call; issue 14).
  const view = new Float64Array(chunk.buffer, used * 8, n);
  used += n;
  return view;
}

const ZEROS: Float64Array[] = [];
/** A shared view of n zeros (most members have no 大额党费 at all): read-only by convention. */
export function zerosFen(n: number): Float64Array {
  return (ZEROS[n] ??= new Float64Array(n));
}
