/**
 * The fields the checker reads and the many ways clerks head their columns. A header is
 * normalised (half-width, no spaces, no units or footnote marks) before lookup, so
 * "身份证号码 " and "月工资收入基数(税后)（元）" find their field.
 */
import { compactText } from '../cell-text';
import { parseMonthLabel, parseQuarterLabel } from '../quarter';
import { CONTENT_DECIDES, EXACT_SPELLINGS, WORD_FOLDS, WORD_RULES } from './spellings';

export type FieldKey =
  | 'seq' | 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'idNumber' | 'memberClass'
  | 'joinDate' | 'fullDate' | 'standing' | 'category' | 'base' | 'rate' | 'due' | 'paidTotal'
  | 'dueTotal' | 'note' | 'paidThrough'
  // Register layouts without month columns (issue 10): the row's own amount paid, its month
  // (年份 + 月份, or one month cell), a range of months, and what kind of payment it is.
  | 'paid' | 'year' | 'month' | 'startMonth' | 'endMonth' | 'monthRange' | 'monthCount' | 'payKind';

/** How findings and the mapping form name each field. */
export const FIELD_NAMES: Record<FieldKey, { zh: string; en: string }> = {
  seq: { zh: '序号', en: 'No.' },
  name: { zh: '姓名', en: 'Name' },
  gender: { zh: '性别', en: 'Gender' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  idNumber: { zh: '公民身份号码', en: 'ID number' },
  memberClass: { zh: '人员类别', en: 'Member class' },
  joinDate: { zh: '入党日期', en: 'Joining date' },
  fullDate: { zh: '转正日期', en: 'Full-membership date' },
  standing: { zh: '党籍状态', en: 'Membership standing' },
  category: { zh: '交费类别', en: 'Dues category' },
  base: { zh: '缴费基数', en: 'Dues base' },
  rate: { zh: '交纳比例', en: 'Rate' },
  due: { zh: '月应交', en: 'Monthly due' },
  paidTotal: { zh: '累计实交', en: 'Total paid' },
  dueTotal: { zh: '累计应交', en: 'Total due' },
  note: { zh: '说明', en: 'Note' },
  paidThrough: { zh: '党费缴至年月', en: 'Paid up to' },
  paid: { zh: '实交金额', en: 'Amount paid' },
  year: { zh: '年份', en: 'Year' },
  month: { zh: '月份', en: 'Month' },
  startMonth: { zh: '缴费起始月份', en: 'First month paid' },
  endMonth: { zh: '缴费截止月份', en: 'Last month paid' },
  monthRange: { zh: '缴费起止月份', en: 'Months paid (range)' },
  monthCount: { zh: '缴费月数', en: 'Months paid (count)' },
  payKind: { zh: '缴费类型', en: 'Payment kind' },
};

/** Headers that may mean a member class (正式/预备), a dues category (在职/离退休) or a standing: decided by the cells below. */
export const CLASS_OR_CATEGORY: ReadonlySet<string> = CONTENT_DECIDES;

const EXACT = new Set<string>();

/** Header text as compared: half-width, no spaces, no bracketed note or unit "(元)" "（取整）", no footnote "*". */
export function normaliseHeader(text: string): string {
  let s = compactText(text).replace(/[*＊※]/g, '');
  s = s.replace(/[（【[]/g, '(').replace(/[）】\]]/g, ')');
  // Notes in brackets anywhere — (元), (取整), (正式党员或预备党员) — unless the whole is a spelling ("月工资收入基数(税后)").
  if (s.includes('(') && !EXACT.has(s)) {
    const bare = s.replace(/\([^()]*\)/g, '');
    if (bare) s = bare;
  }
  s = s.replace(/[:：]$/, '');
  // A trailing unit without brackets: 应交金额元 / 缴费基数/元.
  if (s.length > 2) s = s.replace(/(\/元|元\/月|\/月)$/, '');
  return s;
}

/** The header with verb variants folded (应缴 → 应交 …), for lookup only. */
export function foldWords(s: string): string {
  let out = s;
  for (const [re, to] of WORD_FOLDS) out = out.replace(re, to);
  return out;
}

const LOOKUP = new Map<string, FieldKey>();
for (const [field, spellings] of Object.entries(EXACT_SPELLINGS) as [FieldKey, readonly string[]][]) {
  for (const sp of spellings) {
    const raw = compactText(sp).replace(/[（]/g, '(').replace(/[）]/g, ')');
    EXACT.add(raw);
    for (const key of [raw, foldWords(raw)]) if (!LOOKUP.has(key)) LOOKUP.set(key, field);
  }
}
for (const s of CONTENT_DECIDES) if (!LOOKUP.has(s) || s === '党籍状态' || s === '执行标准') LOOKUP.set(s, s === '党籍状态' ? 'standing' : s === '执行标准' ? 'due' : 'memberClass');

/** The field a header names by its words (exact spelling first, then the word rules), or null. */
export function fieldOfHeader(normalised: string): FieldKey | null {
  const hit = LOOKUP.get(normalised) ?? LOOKUP.get(foldWords(normalised));
  if (hit) return hit;
  const f = foldWords(normalised);
  for (const rule of WORD_RULES) {
    if (rule.all.every((re) => re.test(f)) && !(rule.none ?? []).some((re) => re.test(f))) return rule.field;
  }
  return null;
}

export type HeaderMeaning =
  | { kind: 'field'; field: FieldKey; ambiguousClass: boolean }
  | { kind: 'month'; month: number; year?: number; part: 'paid' | 'due' }
  /** quarter 0: the sheet's own quarter (本季度小计). */
  | { kind: 'quarterTotal'; quarter: number; part: 'paid' | 'due' };

const PAID_WORDS = /^(实交|实缴|已交|已缴|交纳|缴纳|实交金额|实缴金额|实交党费|金额|党费)$/;
const DUE_WORDS = /^(应交|应缴|应交金额|应缴金额|应交党费)$/;

/** Words that only make sense under a group header (e.g. "1月" over "应交" / "实交"). */
export function isSubHeaderWord(text: string): boolean {
  const s = normaliseHeader(text);
  return PAID_WORDS.test(s) || DUE_WORDS.test(s);
}

/** Splits "1月实交" / "2026年1月应交" / "1月份" into a month and which part. */
function monthMeaning(s: string): HeaderMeaning | null {
  const whole = parseMonthLabel(s);
  if (whole) return { kind: 'month', month: whole.month, year: whole.year, part: 'paid' };
  const m = /^(.*?月份?)(实交|实缴|已交|已缴|交纳|缴纳|实交金额|实缴金额|实交党费|金额|党费|应交|应缴|应交金额|应缴金额|应交党费)$/.exec(s)
    ?? /^(实交|实缴|应交|应缴)(.*?月份?)$/.exec(s);
  if (!m) return null;
  const [monthText, word] = /月/.test(m[1]!) ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  const label = parseMonthLabel(monthText);
  if (!label) return null;
  return { kind: 'month', month: label.month, year: label.year, part: DUE_WORDS.test(word) ? 'due' : 'paid' };
}

const QUARTER_TOTAL = /^(.*季度|Q[1-4])(小计|合计|实交|实交合计|实交小计)?$/i;

/** What a header cell means, or null when it is none of the known columns. */
export function headerMeaning(text: string): HeaderMeaning | null {
  const s = normaliseHeader(text);
  if (!s) return null;
  const exact = LOOKUP.get(s);
  if (exact) return { kind: 'field', field: exact, ambiguousClass: CONTENT_DECIDES.has(s) };
  const month = monthMeaning(s);
  if (month) return month;
  const field = fieldOfHeader(s);
  if (field) return { kind: 'field', field, ambiguousClass: false };
  // On a quarter's own sheet: 本季度小计 / 季度合计 (the quarter comes from the sheet).
  if (/^本?季度(小计|合计|实交合计)$/.test(s)) return { kind: 'quarterTotal', quarter: 0, part: 'paid' };
  const qm = QUARTER_TOTAL.exec(s);
  if (qm) {
    const ql = parseQuarterLabel(qm[1]!);
    if (ql) return { kind: 'quarterTotal', quarter: ql.quarter, part: 'paid' };
  }
  return null;
}
