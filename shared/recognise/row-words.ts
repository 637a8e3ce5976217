/**
 * The words that tell a data row apart from a member row: totals labels (合计/小计 …) and the
 * footer lines under a table (填表人, 审核, 注 …), read from the compacted text of a row's lead cells.
 */

const TOTAL_WORD = /^(合计|小计|总计|共计|本页合计|全年合计|总合计|累计|[一二三四1-4]?季度(小计|合计)|第[一二三四1-4]季度(小计|合计)|Q[1-4](小计|合计))$/i;
const FOOTER = /^(填表人|填报人|制表人|制表|审核人|审核|负责人|支部书记|组织委员|填报日期|填表日期|注|备注|说明)[:：]?/;

/** Every totals word has 计: the regexes run only on text that holds one. */
const JI = 0x8ba1; // 计

/** Is this (compacted) text a totals label? Every totals word has 计, so most cells skip the regexes. */
export function isTotalsCompact(s: string): boolean {
  return s.includes('计') && (TOTAL_WORD.test(s) || (s.length <= 12 && /合计|小计|总计/.test(s)));
}

/** The first characters FOOTER can start with: other text skips the regex. */
const FOOTER_FIRST = '填制审负支组注备说';
/** One flag per UTF-16 code unit: can a footer start with it (a lookup, not a 9-element search per row). */
const FOOTER_START = new Uint8Array(0x10000);
for (let i = 0; i < FOOTER_FIRST.length; i++) FOOTER_START[FOOTER_FIRST.charCodeAt(i)] = 1;

export function isFooter(s: string): boolean {
  // A char code, not s[0]: a CJK first character would be a new one-character string per row (issue 14).
  return s.length > 0 && FOOTER_START[s.charCodeAt(0)] === 1 && FOOTER.test(s);
}

/**
 * True only when compactText(s) === s, !isTotalsCompact(s) and !isFooter(s): text of printable
 * ASCII and CJK ideographs other than 计, not starting with a footer's first character — a
 * member's name, a number typed as text. One scan instead of compactText's, includes('计') and
 * the footer test: the lead cells of every data row go through it, and this was about half of
 * recogniseWorkbook at 10k (issue 14). False says nothing: the caller takes the general path.
 */
export function isPlainLeadText(s: string): boolean {
  if (s.length > 0 && FOOTER_START[s.charCodeAt(0)] === 1) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff && c !== JI)) continue;
    return false;
  }
  return true;
}
