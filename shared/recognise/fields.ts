/**
 * The fields the checker reads and the many ways clerks head their columns. A header is
 * normalised (half-width, no spaces, no units or footnote marks) before lookup, so
 * "身份证号码 " and "月工资收入基数(税后)（元）" find their field.
 */
import { compactText } from '../cell-text';
import { parseMonthLabel, parseQuarterLabel } from '../quarter';

export type FieldKey =
  | 'seq' | 'name' | 'gender' | 'ethnicity' | 'birthDate' | 'idNumber' | 'memberClass'
  | 'joinDate' | 'fullDate' | 'standing' | 'category' | 'base' | 'rate' | 'due' | 'paidTotal'
  | 'dueTotal' | 'note' | 'paidThrough';

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
};

const DICTIONARY: Record<FieldKey, string[]> = {
  seq: ['序号', '编号', '序'],
  name: ['姓名', '党员姓名', '名字', '姓 名'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '出生时间', '生日'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码', '公民身份证号码', '公民身份证号', '身份证', '证件号码', '身份证件号码', '居民身份证号码'],
  memberClass: ['人员类别', '党员类别', '党员身份', '党员类型', '党员性质', '正式/预备', '正式或预备党员', '人员身份'],
  joinDate: ['入党日期', '入党时间', '加入党组织日期', '入党年月', '加入中国共产党日期', '加入党组织时间'],
  fullDate: ['转正日期', '转正时间', '转为正式党员日期', '转正年月', '转为正式党员时间'],
  standing: ['党籍状态', '党籍', '党籍情况'],
  category: ['交费类别', '缴费类别', '党费类别', '交纳类别', '缴纳类别', '收入类别', '交费人员类别', '缴费人员类别', '人员类型', '交费类型', '缴费类型', '工作状态', '在职/离退休'],
  base: ['缴费基数', '交费基数', '月工资收入基数(税后)', '月工资收入基数', '计算基数', '党费基数', '党费计算基数', '交纳基数', '缴纳基数', '基数', '工资基数', '月收入基数', '月工资收入', '税后月收入', '月收入', '税后工资', '基本退休费', '基本养老金'],
  rate: ['比例', '交纳比例', '缴纳比例', '交费比例', '缴费比例', '党费比例', '费率', '交纳标准', '比率'],
  due: ['应交党费', '月应交', '月应交党费', '每月应交', '每月应交党费', '应缴党费', '月应缴', '月应缴党费', '每月应缴', '应交金额', '月交纳额', '月应交金额', '每月交纳额', '应交'],
  paidTotal: ['累计实交', '实交合计', '全年合计', '年度合计', '累计', '实交党费合计', '累计已交', '合计', '实交总额', '全年实交', '本年实交', '已交合计', '累计交纳', '合计实交', '小计'],
  dueTotal: ['累计应交', '应交合计', '全年应交', '本年应交'],
  note: ['说明', '备注', '情况说明'],
  paidThrough: ['党费缴至年月', '缴至年月', '交至年月', '党费交至', '缴至'],
};

/** Headers that may mean a member class (正式/预备) or a dues category (在职/离退休): decided by the cells below. */
export const CLASS_OR_CATEGORY = new Set(['人员类别', '人员类型', '类别', '类型', '人员身份']);

/** Header text as compared: half-width, no spaces, no trailing unit "(元)" or footnote "*". */
export function normaliseHeader(text: string): string {
  let s = compactText(text).replace(/[*＊※]/g, '');
  s = s.replace(/[（]/g, '(').replace(/[）]/g, ')');
  s = s.replace(/\((元|人民币元|%|百分比)\)$/, '').replace(/[:：]$/, '');
  return s;
}

const LOOKUP = new Map<string, FieldKey>();
for (const [field, spellings] of Object.entries(DICTIONARY) as [FieldKey, string[]][]) {
  for (const s of spellings) {
    const key = normaliseHeader(s);
    if (!LOOKUP.has(key)) LOOKUP.set(key, field);
  }
}
for (const s of CLASS_OR_CATEGORY) LOOKUP.set(s, 'memberClass');

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
  const field = LOOKUP.get(s);
  if (field) return { kind: 'field', field, ambiguousClass: CLASS_OR_CATEGORY.has(s) };
  const month = monthMeaning(s);
  if (month) return month;
  // On a quarter's own sheet: 本季度小计 / 季度合计 (the quarter comes from the sheet).
  if (/^本?季度(小计|合计|实交合计)$/.test(s)) return { kind: 'quarterTotal', quarter: 0, part: 'paid' };
  const qm = QUARTER_TOTAL.exec(s);
  if (qm) {
    const ql = parseQuarterLabel(qm[1]!);
    if (ql) return { kind: 'quarterTotal', quarter: ql.quarter, part: 'paid' };
  }
  return null;
}
