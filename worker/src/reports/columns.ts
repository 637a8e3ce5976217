/**
 * Column widths that fit Chinese text: a CJK character takes about two width units of Excel's
 * default font, a Latin digit one. Widths are known before any row is written (a streaming
 * writer emits <cols> first), so they are measured from the data up front.
 */

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // CJK, full-width forms and CJK punctuation are double width.
    w += cp >= 0x2e80 ? 2 : 1;
  }
  return w;
}

/** A column wide enough for the widest of its texts, within sane bounds. */
export function fitWidth(texts: Iterable<string>, min = 6, max = 48): number {
  let w = 0;
  for (const t of texts) {
    for (const line of t.split('\n')) w = Math.max(w, textWidth(line));
  }
  return Math.min(max, Math.max(min, w + 2));
}

/** Width of a money column for amounts up to maxFen ("¥1,234,567.89"). */
export function moneyWidth(maxFen: number, header: string): number {
  const digits = Math.max(1, String(Math.floor(maxFen / 100)).length);
  const groups = Math.floor((digits - 1) / 3);
  return fitWidth([header, `¥${'0'.repeat(digits + groups)}.00`], 10);
}
