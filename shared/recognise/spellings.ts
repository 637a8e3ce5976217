/**
 * How clerks and party-building systems head their columns, as data: exact spellings per
 * field, the verb and word-order variants folded before lookup, and word rules for headers
 * no list can foresee (每月应交纳党费金额, 全年实缴党费). Sources, besides the sheets of the
 * earlier rounds: the 党费 import/export models of public 智慧党建 systems
 * (github.com/13416494311/dj DjPartyMemberDue.java: 月份 / 工资 / 比列 / 党费;
 * github.com/MYun-Front-Team/zhdj-doc f.md: 组织状态 正常/流动党员, 党内状态 入党积极分子/预备党员/正式党员,
 * 党费标准, 党费交至年月; f/xin-zeng-dang-fei-ji-lu.md: 金额, 缴费标准（元/月）, 开始年月, 结束年月),
 * published 党费收缴登记表 templates (360docs.net/doc/4d18143045.html) and the headers issue 10
 * lists from six rebuilt workbooks (应缴金额, 实缴金额, 月缴党费, 执行标准, 缴费金额 …).
 */
import type { FieldKey } from './fields';

/** Exact spellings (after normaliseHeader and foldWords), per field. */
export const EXACT_SPELLINGS: Record<FieldKey, readonly string[]> = {
  seq: ['序号', '编号', '序'],
  name: ['姓名', '党员姓名', '名字', '姓 名', '缴费人', '缴费人姓名', '交费人'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '出生时间', '生日'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码', '公民身份证号码', '公民身份证号', '身份证', '证件号码', '身份证件号码', '居民身份证号码', '证件号', '身份证件号'],
  memberClass: ['人员类别', '党员类别', '党员身份', '党员类型', '党员性质', '正式/预备', '正式或预备党员', '人员身份', '党内状态', '党员状态'],
  joinDate: ['入党日期', '入党时间', '加入党组织日期', '入党年月', '加入中国共产党日期', '加入党组织时间'],
  fullDate: ['转正日期', '转正时间', '转为正式党员日期', '转正年月', '转为正式党员时间'],
  standing: ['党籍状态', '党籍', '党籍情况'],
  category: ['交费类别', '缴费类别', '党费类别', '交纳类别', '缴纳类别', '收入类别', '交费人员类别', '缴费人员类别', '人员类型', '交费类型', '缴费类型', '工作状态', '在职/离退休', '党员分类', '交费人员类型'],
  base: ['缴费基数', '交费基数', '月工资收入基数(税后)', '月工资收入基数', '计算基数', '党费基数', '党费计算基数', '交纳基数', '缴纳基数', '基数', '工资基数', '月收入基数', '月工资收入', '税后月收入', '月收入', '税后工资', '基本退休费', '基本养老金', '工资', '应发工资', '月工资', '税后收入', '收入'],
  rate: ['比例', '交纳比例', '缴纳比例', '交费比例', '缴费比例', '党费比例', '费率', '交纳标准', '比率', '比列', '交纳比列', '缴费比列', '党费比列'],
  due: ['应交党费', '月应交', '月应交党费', '每月应交', '每月应交党费', '应缴党费', '月应缴', '月应缴党费', '每月应缴', '应交金额', '月交纳额', '月应交金额', '每月交纳额', '应交', '党费标准', '缴费标准', '交费标准', '月交党费', '月缴党费', '每月党费', '月党费', '应交额'],
  paidTotal: ['累计实交', '实交合计', '全年合计', '年度合计', '累计', '实交党费合计', '累计已交', '合计', '实交总额', '全年实交', '本年实交', '已交合计', '累计交纳', '合计实交', '小计', '全年实交党费', '年度实交', '本年度实交'],
  dueTotal: ['累计应交', '应交合计', '全年应交', '本年应交', '全年应交党费', '年度应交', '本年度应交'],
  note: ['说明', '备注', '情况说明'],
  paidThrough: ['党费缴至年月', '缴至年月', '交至年月', '党费交至', '缴至', '党费交至年月'],
  paid: ['实交', '已交', '实交金额', '实交党费', '已交金额', '交纳金额', '交费金额', '党费金额', '金额', '本月实交', '当月实交', '交纳党费', '交费总额', '交纳总额', '党费', '交纳额', '实收金额', '实收党费', '实收'],
  year: ['年份', '年度', '交费年度', '所属年度', '党费年度', '年'],
  month: ['月份', '月度', '交费月份', '所属月份', '党费月份', '交纳月份', '交费年月', '所属年月', '党费所属期', '所属期', '党费年月', '月', '交费期间月份'],
  startMonth: ['交费起始月份', '起始月份', '开始月份', '交费开始月份', '起始年月', '开始年月', '交费起始年月', '交费开始年月', '起缴月份'],
  endMonth: ['交费截止月份', '截止月份', '结束月份', '交费结束月份', '截止年月', '结束年月', '交费截止年月', '交费结束年月', '止缴月份'],
  monthRange: ['交费起止月份', '起止月份', '交费期间', '交费时段', '所属期间', '起止年月', '交费起止年月', '交费月份区间', '交纳期间'],
  monthCount: ['交费月数', '月数', '交纳月数', '交费月份数'],
  payKind: ['交费方式类型', '收缴类型', '交纳类型'],
};

/**
 * Verb and word variants folded to one spelling before lookup (applied in order): 应缴/应交纳 →
 * 应交, 实缴 → 实交, 缴费 → 交费, the 比列 typo kept as a spelling of its own. Folding is for
 * lookup only; findings quote the header as written.
 */
export const WORD_FOLDS: readonly (readonly [RegExp, string])[] = [
  [/应缴纳|应交纳|应缴/g, '应交'],
  [/实缴纳|实交纳|实缴/g, '实交'],
  [/已缴纳|已交纳|已缴/g, '已交'],
  [/缴纳/g, '交纳'],
  [/缴费/g, '交费'],
  [/缴/g, '交'],
];

/**
 * Word rules for headers not spelled above, tried in order on the folded header: every word of
 * `all` present, none of `none`. Money words decide between a month's due and a year's total.
 */
export const WORD_RULES: readonly { field: FieldKey; all: readonly RegExp[]; none?: readonly RegExp[] }[] = [
  { field: 'idNumber', all: [/身份证|证件号/] },
  { field: 'name', all: [/姓名/] },
  { field: 'joinDate', all: [/入党/, /日期|时间|年月/], none: [/积极分子|申请/] },
  { field: 'fullDate', all: [/转正/, /日期|时间|年月/] },
  { field: 'birthDate', all: [/出生/] },
  { field: 'startMonth', all: [/起始|开始|起交/, /月|时间|日期/] },
  { field: 'endMonth', all: [/截止|结束|截至|止交/, /月|时间|日期/] },
  { field: 'monthRange', all: [/起止|期间|区间/] },
  { field: 'monthCount', all: [/月数/] },
  { field: 'rate', all: [/比例|比列|费率|比率/] },
  { field: 'base', all: [/基数/] },
  { field: 'dueTotal', all: [/应交/, /全年|年度|本年|累计|合计|总额|总计|小计/] },
  { field: 'paidTotal', all: [/实交|已交/, /全年|年度|本年|累计|合计|总额|总计|小计/] },
  { field: 'due', all: [/应交/] },
  { field: 'paid', all: [/实交|已交|实收/] },
  { field: 'due', all: [/(每月|月)(交|交纳)?党费|党费标准|执行标准|交纳标准/] },
  { field: 'paid', all: [/(交费|交纳|党费)(金额|总额)/] },
];

/** Headers whose meaning the cells below decide (class, category, standing or none). */
export const CONTENT_DECIDES = new Set(['人员类别', '人员类型', '类别', '类型', '人员身份', '人员状态', '政治面貌', '党籍状态', '党员状态', '状态', '组织状态', '交费类型', '党员身份', '身份', '执行标准']);

/** Headers of salary parts: a 小计 among them adds up pay, not dues. */
export const SALARY_PART = /基本工资|岗位工资|薪级工资|津贴|补贴|绩效|奖金|工资|薪酬|加班|社保|公积金|个税|扣款|扣除/;
