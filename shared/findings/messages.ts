/**
 * What each finding says, in Chinese (first) and English, with the values that matter:
 * the standard amount, the month. Kept apart from the checks
 * so wording can change without touching a rule.
 */
import type { FindingCode } from './codes';

/** Values a message may quote; all optional, each message uses its own. */
export interface MessageParams {
  field?: string;
  fieldEn?: string;
  value?: string;
  expected?: string;
  actual?: string;
  /** Months as 'YYYY-MM', rendered per language (2026年7月 / Jul 2026): a list, or for ARREARS_6_MONTHS the run's first and last. */
  months?: readonly string[];
  /** A month as 'YYYY-MM'. */
  month?: string;
  /** An approval's document number (批准文号). */
  documentNo?: string;
  /** A reason the branch recorded. */
  reason?: string;
  name?: string;
  other?: string;
  row?: number;
  count?: number;
  years?: number;
  age?: number;
  category?: string;
  base?: string;
  amount?: string;
  sheet?: string;
  kind?: string;
}

type Text = { zh: string; en: string };
type Template = (p: MessageParams) => Text;

const q = (v: string | number | undefined) => (v === undefined || v === '' ? '（空）' : String(v));
const qe = (v: string | number | undefined) => (v === undefined || v === '' ? '(empty)' : String(v));

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const YM = /^\d{4}-\d{2}$/;
// A check names months by the thousand (UNPAID for each month of each member), from a few dozen
// labels: each is formatted once. Only well-formed labels are kept, and at most MONTHS_KEPT.
const MONTHS_KEPT = 2400;
const zhOf = new Map<string, string>();
const enOf = new Map<string, string>();
/** 'YYYY-MM' as 2026年7月; anything else quoted as it is. */
export function monthZh(ym: string | undefined): string {
  if (!ym) return q(ym);
  let s = zhOf.get(ym);
  if (s !== undefined) return s;
  if (!YM.test(ym)) return q(ym);
  s = `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;
  if (zhOf.size < MONTHS_KEPT) zhOf.set(ym, s);
  return s;
}
/** 'YYYY-MM' as Jul 2026; anything else quoted as it is. */
export function monthEn(ym: string | undefined): string {
  if (!ym) return qe(ym);
  let s = enOf.get(ym);
  if (s !== undefined) return s;
  if (!YM.test(ym)) return qe(ym);
  s = `${MONTHS_EN[Number(ym.slice(5, 7)) - 1] ?? ym} ${ym.slice(0, 4)}`;
  if (enOf.size < MONTHS_KEPT) enOf.set(ym, s);
  return s;
}
const rangeZh = (ms: readonly string[] | undefined) => (ms?.length ? `${monthZh(ms[0])}—${monthZh(ms[ms.length - 1])}` : q(undefined));
const rangeEn = (ms: readonly string[] | undefined) => (ms?.length ? `${monthEn(ms[0])} – ${monthEn(ms[ms.length - 1])}` : qe(undefined));
const listZh = (ms: readonly string[] | undefined) => (ms?.length ? ms.map(monthZh).join('、') : q(undefined));
const listEn = (ms: readonly string[] | undefined) => (ms?.length ? ms.map(monthEn).join(', ') : qe(undefined));

const TEMPLATES: Record<FindingCode, Template> = {
  SHEET_NOT_FOUND: (p) => ({
    zh: p.kind === 'roster' ? '未找到党员花名册工作表（需有姓名、公民身份号码等列）' : '未找到党费收缴登记表工作表（需有姓名和各月交纳列）',
    en: p.kind === 'roster' ? 'No member roster sheet found (needs name, ID number, … columns)' : 'No dues register sheet found (needs a name column and month columns)',
  }),
  COLUMN_MISSING: (p) => ({
    zh: `未找到“${q(p.field)}”列：请检查表头或指定列对应关系`,
    en: `Column "${qe(p.fieldEn)}" not found: check the header or map the column explicitly`,
  }),
  COLUMN_AMBIGUOUS: (p) => ({
    zh: `有多列都像“${q(p.field)}”，已使用第 ${q(p.other)} 列`,
    en: `Several columns look like "${qe(p.fieldEn)}"; column ${qe(p.other)} is used`,
  }),
  REQUIRED_MISSING: (p) => ({ zh: `“${q(p.field)}”为空`, en: `${qe(p.fieldEn)} is empty` }),
  ID_NUMERIC: (p) => ({
    zh: `公民身份号码被存成了数字（${q(p.value)}），末几位已丢失，请以文本格式重新录入`,
    en: `The ID number is stored as a number (${qe(p.value)}); its last digits are lost: re-enter it as text`,
  }),
  ID_FORMAT: (p) => ({
    zh: `公民身份号码格式错误：${q(p.value)}（应为18位：17位数字加1位数字或X）`,
    en: `Malformed ID number ${qe(p.value)} (must be 18 characters: 17 digits and a digit or X)`,
  }),
  // Never the "right" check character: changing the last character makes a mistyped number look
  // valid while it still names someone else. The number is re-entered from the card instead.
  ID_CHECKSUM: () => ({
    zh: '公民身份号码未通过校验（号码有误），请对照本人身份证重新录入',
    en: 'The ID number does not verify (it has a mistake): re-enter it from the ID card',
  }),
  ID_BIRTHDATE: (p) => ({
    zh: `公民身份号码中的出生日期无效：${q(p.value)}`,
    en: `The birth date inside the ID number is not valid: ${qe(p.value)}`,
  }),
  ID_REGION: (p) => ({
    zh: `公民身份号码前两位 ${q(p.value)} 不是省级行政区代码`,
    en: `The first two digits ${qe(p.value)} of the ID number are not a province code`,
  }),
  ID_LEGACY: (p) => ({
    zh: `15位旧公民身份号码，应升级为18位：${q(p.expected)}`,
    en: `Old 15-digit ID number; the 18-character form is ${qe(p.expected)}`,
  }),
  ID_NORMALISABLE: (p) => ({
    zh: `公民身份号码含小写x、全角字符或空格，应为：${q(p.expected)}`,
    en: `The ID number has a lower-case x, full-width characters or spaces; should read ${qe(p.expected)}`,
  }),
  GENDER_MISMATCH: (p) => ({
    zh: `性别“${q(p.actual)}”与公民身份号码不符：应为 ${q(p.expected)}`,
    en: `Gender "${qe(p.actual)}" disagrees with the ID number: should be ${p.expected === '男' ? 'male (男)' : 'female (女)'}`,
  }),
  BIRTHDATE_MISMATCH: (p) => ({
    zh: `出生日期 ${q(p.actual)} 与公民身份号码不符：应为 ${q(p.expected)}`,
    en: `Birth date ${qe(p.actual)} disagrees with the ID number: should be ${qe(p.expected)}`,
  }),
  DUPLICATE_MEMBER: (p) => ({
    zh: `公民身份号码与第 ${q(p.row)} 行（${q(p.other)}）重复`,
    en: `Same ID number as row ${qe(p.row)} (${qe(p.other)})`,
  }),
  MEMBER_CLASS_INVALID: (p) => ({
    zh: `人员类别“${q(p.value)}”无效：应为正式党员或预备党员`,
    en: `Member class "${qe(p.value)}" is not valid: must be 正式党员 (full) or 预备党员 (probationary)`,
  }),
  ETHNICITY_INVALID: (p) => ({
    zh: p.expected ? `民族“${q(p.value)}”不规范：应为 ${p.expected}` : `民族“${q(p.value)}”不是56个民族之一`,
    en: p.expected ? `Ethnicity "${qe(p.value)}" should be written ${p.expected}` : `Ethnicity "${qe(p.value)}" is not one of the 56`,
  }),
  DATE_INVALID: (p) => ({
    zh: `“${q(p.field)}”无法识别为日期：${q(p.value)}`,
    en: `${qe(p.fieldEn)} cannot be read as a date: ${qe(p.value)}`,
  }),
  DATE_FUTURE: (p) => ({
    zh: `“${q(p.field)}” ${q(p.value)} 晚于报告日期`,
    en: `${qe(p.fieldEn)} ${qe(p.value)} is after the report date`,
  }),
  JOIN_UNDERAGE: (p) => ((p.age ?? 0) < 0
    ? { zh: '入党日期早于出生日期', en: 'The joining date is before the birth date' }
    : { zh: `入党时未满18周岁（${q(p.age)}岁）`, en: `Under 18 on the joining date (aged ${qe(p.age)})` }),
  FULL_DATE_PRESENT: (p) => ({
    zh: `预备党员不应有转正日期（${q(p.value)}）`,
    en: `A probationary member should have no full-membership date (${qe(p.value)})`,
  }),
  FULL_DATE_MISSING: () => ({ zh: '正式党员缺少转正日期', en: 'A full member without a full-membership date' }),
  FULL_DATE_EARLY: (p) => ({
    zh: `转正日期 ${q(p.value)} 距入党日期 ${q(p.other)} 不足一年`,
    en: `Full-membership date ${qe(p.value)} is less than a year after joining (${qe(p.other)})`,
  }),
  PROBATION_OVERDUE: (p) => ({
    zh: `预备期已于 ${q(p.value)} 届满，尚未转正${(p.years ?? 0) >= 2 ? '（已超过两年）' : ''}`,
    en: `Probation ended on ${qe(p.value)} without a decision${(p.years ?? 0) >= 2 ? ' (more than two years)' : ''}`,
  }),
  DUES_MEMBER_UNKNOWN: (p) => ({
    zh: `${q(p.name)} 不在党员花名册中`,
    en: `${qe(p.name)} is not on the member roster`,
  }),
  DUES_MEMBER_MISSING: (p) => ({
    zh: `${q(p.name)} 在党费登记表中没有记录`,
    en: `${qe(p.name)} has no row in the dues register`,
  }),
  DUES_NAME_MISMATCH: (p) => ({
    zh: `姓名“${q(p.actual)}”与花名册中同一身份证号的“${q(p.expected)}”不一致`,
    en: `Name "${qe(p.actual)}" differs from "${qe(p.expected)}" on the roster for the same ID number`,
  }),
  DUES_CATEGORY_INVALID: (p) => ({
    zh: `交费类别“${q(p.value)}”无法识别`,
    en: `Dues category "${qe(p.value)}" is not recognised`,
  }),
  AMOUNT_INVALID: (p) => ({
    zh: `${p.month ? `${monthZh(p.month)} ` : ''}金额无效：${q(p.value)}（${p.kind === 'negative' ? '不能为负数' : p.kind === 'precision' ? '最多两位小数' : '应为数字'}）`,
    en: `${p.month ? `${monthEn(p.month)}: ` : ''}invalid amount ${qe(p.value)} (${p.kind === 'negative' ? 'cannot be negative' : p.kind === 'precision' ? 'at most two decimals' : 'must be a number'})`,
  }),
  RATE_WRONG: (p) => ({
    zh: `交纳比例 ${q(p.actual)} 不符合标准：基数 ${q(p.base)} 元（${q(p.category)}）应为 ${q(p.expected)}`,
    en: `Rate ${qe(p.actual)} is not the standard: a base of ${qe(p.base)} yuan (${qe(p.category)}) pays ${qe(p.expected)}`,
  }),
  DUE_WRONG: (p) => ({
    zh: `月应交 ${q(p.actual)} 元不符合标准：应为 ${q(p.expected)} 元`,
    en: `Monthly due ${qe(p.actual)} yuan is not the standard: should be ${qe(p.expected)} yuan`,
  }),
  FLAT_WRONG: (p) => ({
    zh: `${q(p.category)}按定额交纳，每月应为 ${q(p.expected)} 元，而非 ${q(p.actual)} 元`,
    en: `${qe(p.category)} pays a flat ${qe(p.expected)} yuan a month, not ${qe(p.actual)}`,
  }),
  UNDERPAID: (p) => ({
    zh: `${monthZh(p.month)} 少交：实交 ${q(p.actual)} 元，应交 ${q(p.expected)} 元`,
    en: `${monthEn(p.month)} underpaid: ${qe(p.actual)} paid, ${qe(p.expected)} due`,
  }),
  UNPAID: (p) => ({
    zh: `${monthZh(p.month)} 未交党费（应交 ${q(p.expected)} 元）`,
    en: `${monthEn(p.month)} not paid (${qe(p.expected)} due)`,
  }),
  ARREARS_6_MONTHS: (p) => ({
    zh: `已连续 ${q(p.count)} 个月未交党费（${rangeZh(p.months)}），请支部按党章第九条研究处理`,
    en: `${qe(p.count)} consecutive months unpaid (${rangeEn(p.months)}): for the branch to review (Party Constitution art. 9)`,
  }),
  OVERPAID: (p) => ({
    zh: `${monthZh(p.month)} 多交 ${q(p.amount)} 元（自愿多交）`,
    en: `${monthEn(p.month)} paid ${qe(p.amount)} more than due (voluntary)`,
  }),
  LARGE_VOLUNTARY: (p) => ({
    zh: `${monthZh(p.month)} 超出应交 ${q(p.amount)} 元，属大额党费，应单独登记、全额上缴中央`,
    en: `${monthEn(p.month)} is ${qe(p.amount)} above the due: a large voluntary payment, to be recorded apart and passed to the Centre`,
  }),
  MONTHLY_CEILING: (p) => ({
    zh: `月应交 ${q(p.amount)} 元超过1000元，请核实`,
    en: `Monthly due of ${qe(p.amount)} yuan is above 1000 yuan: please verify`,
  }),
  DUES_BEFORE_JOIN: (p) => ({
    zh: `入党日期 ${q(p.value)} 之前的月份记录了党费：${listZh(p.months)}`,
    en: `Dues recorded before joining on ${qe(p.value)}: ${listEn(p.months)}`,
  }),
  BASE_CHANGED: (p) => ({
    zh: `同一年度内交费基数发生变化：${q(p.other)} → ${q(p.value)}`,
    en: `The base changed within the year: ${qe(p.other)} → ${qe(p.value)}`,
  }),
  SUBTOTAL_WRONG: (p) => ({
    zh: `合计 ${q(p.actual)} 不等于各项之和 ${q(p.expected)}`,
    en: `Total ${qe(p.actual)} is not the sum of its parts, ${qe(p.expected)}`,
  }),
  SUSPENDED_CHARGED: (p) => ({
    zh: `${q(p.name)} 已停止党籍，停止期间不应收取党费`,
    en: `${qe(p.name)}'s membership is suspended: no dues are owed while suspended`,
  }),
  CHECK_NOT_RUN: (p) => ({
    zh: `未能进行“${q(p.field)}”检查：${q(p.value)}`,
    en: `The "${qe(p.fieldEn)}" check could not run: ${qe(p.other)}`,
  }),
  NOT_A_MEMBER: (p) => ({
    zh: `${q(p.name)} 为${q(p.value)}，尚不是党员，不计应交党费`,
    en: `${qe(p.name)} is ${qe(p.other)}, not yet a member: no dues expected`,
  }),
  ARREARS_APPROXIMATE: (p) => ({
    zh: `本表为年度汇总（无各月明细）：欠交按全年应交 ${q(p.expected)} 元、实交 ${q(p.actual)} 元估算，具体哪个月未交无法判断`,
    en: `An annual summary (no months): arrears are estimated from the year's ${qe(p.expected)} due and ${qe(p.actual)} paid; which month went unpaid cannot be told`,
  }),
  BRANCH_MISMATCH: (p) => ({
    zh: `工作簿写明的党支部“${q(p.value)}”与报送的党支部“${q(p.other)}”不一致，报送人已确认报送`,
    en: `The workbook names the branch "${qe(p.value)}", not "${qe(p.other)}", which submitted it; the clerk confirmed`,
  }),
  CATEGORY_ASSUMED: (p) => ({
    zh: `未找到交费类别，按党委设定的默认类别“${q(p.category)}”计算（${q(p.count)} 人）`,
    en: `No dues category found: the committee's default "${qe(p.category)}" was used (${qe(p.count)} members)`,
  }),
  APPROVAL_APPLIED: (p) => ({
    zh: `${q(p.name)} ${listZh(p.months)} 经批准${q(p.kind)}（${q(p.documentNo)}），不计欠交`,
    en: `${qe(p.name)}: ${listEn(p.months)} covered by an approved ${qe(p.kind)} (${qe(p.documentNo)}), not arrears`,
  }),
  APPROVAL_PENDING: (p) => ({
    zh: `${q(p.name)} 的${q(p.kind)}申请（${q(p.documentNo)}）尚待${q(p.other)}确认，${rangeZh(p.months)} 仍按应交计`,
    en: `${qe(p.name)}'s ${qe(p.kind)} (${qe(p.documentNo)}) awaits confirmation by ${qe(p.other)}; ${rangeEn(p.months)} still count as due`,
  }),
  BACKPAY_OVER_SIX_MONTHS: (p) => ({
    zh: `${q(p.name)} 补交追溯 ${q(p.count)} 个月（${rangeZh(p.months)}），超过六个月，请核实（2008规定第十二条）`,
    en: `${qe(p.name)}'s back-payment reaches ${qe(p.count)} months back (${rangeEn(p.months)}), more than six: please verify (2008 rules, art. 12)`,
  }),
  BASELINE_DIFFERS: (p) => ({
    zh: `${q(p.name)} ${monthZh(p.month)} ${q(p.field)} ${q(p.value)} 元，与年初核定的 ${q(p.other)} 元不符，且未记录调整原因`,
    en: `${qe(p.name)} ${monthEn(p.month)}: ${qe(p.fieldEn)} ${qe(p.value)} differs from the ${qe(p.other)} fixed at the start of the year, with no reason recorded`,
  }),
  BASELINE_CHANGE_RECORDED: (p) => ({
    zh: `${q(p.name)} ${monthZh(p.month)} ${q(p.field)} 由年初核定的 ${q(p.other)} 元调整为 ${q(p.value)} 元（原因：${q(p.reason)}）`,
    en: `${qe(p.name)} ${monthEn(p.month)}: ${qe(p.fieldEn)} changed from the baseline ${qe(p.other)} to ${qe(p.value)} (reason: ${qe(p.reason)})`,
  }),
  TRANSFER_PAID_BEFORE: (p) => ({
    zh: `${q(p.name)} 转入时党费已交至${monthZh(p.month)}，${listZh(p.months)} 不在本支部计应交`,
    en: `${qe(p.name)} arrived with dues paid through ${monthEn(p.month)}: ${listEn(p.months)} are not due here`,
  }),
};

export function messageFor(code: FindingCode, params: MessageParams = {}): Text {
  return TEMPLATES[code](params);
}
