/**
 * A made-up committee of any size, with figures rolled up from its own member lines by the same
 * arithmetic the worker uses (shared/rollup/figures.ts), for the report benchmark, the rendering
 * script (scripts/render-report.mjs) and the workbook layout tests. Deterministic (seeded), no
 * real people.
 */
import type { Category, RollupMember, RollupNode } from '../shared/api/contract';
import { branchFigures, branchNodeFigures, sumFigures } from '../shared/rollup/figures';
import type { ReportInput } from '../worker/src/reports/input';
import { periodMonths, SIX_MONTHS } from '../worker/src/reports/input';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕';
const GENERALS = ['机关党总支', '生产运营党总支', '技术研发党总支', '市场营销党总支', '后勤保障党总支'];
const BRANCHES = [
  ['综合办公室党支部', '财务审计党支部', '人力资源党支部'],
  ['第一车间党支部', '第二车间党支部', '质量安全党支部'],
  ['研发中心党支部', '信息技术党支部', '检测中心党支部'],
  ['华东营销党支部', '华南营销党支部', '客户服务党支部'],
  ['物业服务党支部', '离退休党支部', '食堂车队党支部'],
];
const CATEGORIES: Category[] = ['在职', '在职', '在职', '在职', '离退休', '离退休', '农民', '学生', '年薪制'];

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export interface SyntheticOptions {
  period: string;
  generals: number;
  branchesPerGeneral: number;
  membersPerBranch: number;
  seed?: number;
  /** Names that start like formulas, to exercise the text-only rule. */
  hostileNames?: boolean;
}

export function syntheticReport(o: SyntheticOptions): ReportInput {
  const r = rng(o.seed ?? 20260930);
  const months = periodMonths(o.period);
  const members = new Map<string, RollupMember[]>();
  const generals: RollupNode[] = [];
  let seq = 0;
  for (let g = 0; g < o.generals; g++) {
    const branches: RollupNode[] = [];
    for (let b = 0; b < o.branchesPerGeneral; b++) {
      const code = `B${String(g + 1).padStart(3, '0')}${String(b + 1).padStart(2, '0')}`;
      const submitted = r() > 0.05;
      const status = submitted ? (r() > 0.3 ? 'confirmed' : 'submitted') : null;
      const lines: RollupMember[] = [];
      if (submitted) {
        for (let m = 0; m < o.membersPerBranch; m++) {
          seq += 1;
          const category = pick(r, CATEGORIES);
          const baseFen = category === '在职' || category === '年薪制' ? 300000 + Math.floor(r() * 1200000) : category === '离退休' ? 200000 + Math.floor(r() * 600000) : null;
          const monthly = baseFen === null ? (category === '农民' ? 20 : 20) : Math.floor(baseFen / 100);
          const streak = r() < 0.03 ? SIX_MONTHS + Math.floor(r() * 6) : r() < 0.1 ? 1 + Math.floor(r() * 3) : 0;
          const ms = months.map((month, i) => ({ month, dueFen: monthly, paidFen: i >= months.length - streak ? 0 : monthly }));
          const due = ms.reduce((t, x) => t + x.dueFen, 0);
          const paid = ms.reduce((t, x) => t + x.paidFen, 0);
          const hostile = o.hostileNames && m === 0 ? ['=HYPERLINK("http://x","y")', '+1+2', '-3', '@SUM(A1)', '\t制表', '\r回车'][seq % 6]! : null;
          const line: RollupMember = {
            idMasked: `110105********${String(seq % 1000).padStart(3, '0')}${seq % 11 === 0 ? 'X' : String(seq % 10)}`,
            name: hostile ?? pick(r, [...SURNAMES]) + pick(r, [...GIVEN]) + (r() < 0.5 ? pick(r, [...GIVEN]) : ''),
            memberClass: r() < 0.08 ? '预备党员' : '正式党员',
            category,
            baseFen,
            months: ms,
            dueFen: due,
            paidFen: paid,
            arrearsFen: due - paid,
            unpaidStreak: streak,
          };
          lines.push(line);
        }
      }
      const f = branchNodeFigures({ figures: submitted ? branchFigures(lines) : null, submitted, confirmed: status === 'confirmed' });
      members.set(code, lines);
      branches.push({
        org: { code, name: BRANCHES[g]?.[b] ?? `第${g + 1}总支第${b + 1}党支部`, kind: '党支部' }, period: o.period, figures: f,
        status, revision: submitted ? 1 + Math.floor(r() * 2) : null, locked: false, children: [],
      });
    }
    const gf = sumFigures(branches.map((b) => b.figures));
    generals.push({ org: { code: `G${String(g + 1).padStart(3, '0')}`, name: GENERALS[g] ?? `第${g + 1}党总支`, kind: '党总支' }, period: o.period, figures: gf, status: null, revision: null, locked: false, children: branches });
  }
  const rf = sumFigures(generals.map((g) => g.figures));
  return {
    tree: { org: { code: 'C001', name: '示范集团党委', kind: '党委' }, period: o.period, figures: rf, status: null, revision: null, locked: false, children: generals },
    period: o.period,
    generatedAt: '2026-10-08T02:30:00Z',
    role: 'leader',
    members,
  };
}
