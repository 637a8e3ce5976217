// Model-based: random sequences of submits, re-submits (fresh and stale), confirmations, returns,
// locks and unlocks from several branches; afterwards the roll-ups at every node equal an
// in-memory model computed here, independently of the worker's arithmetic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RollupNode, SubmissionMember } from '../../shared/api/contract';
import type { OrgSpec } from '../../worker/seed/committee';
import { call, member, seed, submission } from './helpers';

const QUARTERS = ['2026Q1', '2026Q2'] as const;
type Q = (typeof QUARTERS)[number];

type Status = 'submitted' | 'confirmed' | 'returned';
interface Figures { status: Status; due: number; paid: number; arrears: number; inArrears: number; members: number }
/** The latest revision (status, etag) and every revision with its own status, oldest first. */
interface BranchQ { revision: number; etag: string; status: Status; history: Figures[] }
/** What the roll-up counts: the latest revision that is submitted or confirmed (design.md). */
const counted = (x: BranchQ | undefined): Figures | undefined => x && [...x.history].reverse().find((h) => h.status !== 'returned');

const MemberShape = fc.record({
  category: fc.constantFrom('在职', '离退休', '农民', '学生', '停止党籍') as fc.Arbitrary<SubmissionMember['category']>,
  paid: fc.oneof(fc.constant('full' as const), fc.constant(0), fc.integer({ min: 1, max: 30000 })),
  base: fc.integer({ min: 0, max: 3_000_000 }),
});

const Command = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('submit' as const), branch: fc.nat(3), q: fc.constantFrom(...QUARTERS), ms: fc.array(MemberShape, { minLength: 1, maxLength: 6 }), stale: fc.boolean() }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constantFrom('confirm' as const, 'return' as const), branch: fc.nat(3), q: fc.constantFrom(...QUARTERS) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constantFrom('lock' as const, 'unlock' as const), org: fc.nat(6), q: fc.constantFrom(...QUARTERS) }), weight: 1 },
);

let run = 0;

describe('roll-ups against a model', () => {
  it('any sequence of operations leaves roll-ups equal to the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Command, { minLength: 1, maxLength: 14 }), async (cmds) => {
        const p = `M${++run}`;
        // 党委 → two 总支 (two branches each... one has one) + one direct branch.
        const tree: OrgSpec = { code: p, name: '党委', kind: '党委', children: [
          { code: `${p}-A`, name: '总支A', kind: '党总支', children: [
            { code: `${p}-A1`, name: '支部A1', kind: '党支部' }, { code: `${p}-A2`, name: '支部A2', kind: '党支部' }] },
          { code: `${p}-B`, name: '总支B', kind: '党总支', children: [{ code: `${p}-B1`, name: '支部B1', kind: '党支部' }] },
          { code: `${p}-C1`, name: '支部C1', kind: '党支部' },
        ] };
        const branches = [`${p}-A1`, `${p}-A2`, `${p}-B1`, `${p}-C1`];
        const orgs = [p, `${p}-A`, `${p}-B`, ...branches];
        const parents: Record<string, string[]> = {
          [`${p}-A1`]: [p, `${p}-A`], [`${p}-A2`]: [p, `${p}-A`], [`${p}-B1`]: [p, `${p}-B`], [`${p}-C1`]: [p],
        };
        const s = await seed(tree, [...branches.map((b) => ({ orgCode: b, role: 'clerk' as const })), { orgCode: p, role: 'finance' }]);
        const fin = s.tokens[`finance@${p}`]!;
        const model = new Map<string, BranchQ>();
        const locks = new Set<string>();
        const locked = (b: string, q: Q) => [b, ...parents[b]!].some((o) => locks.has(`${o}|${q}`));
        let n = run * 1000;

        for (const c of cmds) {
          if (c.kind === 'submit') {
            const b = branches[c.branch]!;
            const ms = c.ms.map((m) => member(c.q, { n: n++, category: m.category, paid: m.paid, baseFen: m.category === '在职' || m.category === '离退休' ? m.base : null }));
            const cur = model.get(`${b}|${c.q}`);
            const headers: Record<string, string> = cur ? { 'If-Match': c.stale && cur.revision > 1 ? String(cur.revision - 1) : cur.etag } : {};
            const r = await call('POST', '/api/submissions', { token: s.tokens[`clerk@${b}`], body: submission(c.q, ms), headers });
            if (locked(b, c.q)) { expect(r.status).toBe(423); continue; }
            if (cur && c.stale && cur.revision > 1) { expect(r.status).toBe(412); continue; }
            expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBe(201);
            let due = 0, paid = 0, arrears = 0, inArrears = 0;
            for (const m of ms) {
              const d = m.months.reduce((a, x) => a + x.dueFen, 0);
              const pd = m.months.reduce((a, x) => a + x.paidFen, 0);
              due += d; paid += pd;
              if (d > pd) { arrears += d - pd; inArrears += 1; }
            }
            model.set(`${b}|${c.q}`, { revision: (cur?.revision ?? 0) + 1, etag: r.body.etag, status: 'submitted', history: [...(cur?.history ?? []), { status: 'submitted', due, paid, arrears, inArrears, members: ms.length }] });
          } else if ('branch' in c && (c.kind === 'confirm' || c.kind === 'return')) {
            const b = branches[c.branch]!;
            const cur = model.get(`${b}|${c.q}`);
            const r = await call('POST', `/api/submissions/${b}/${c.q}/${c.kind}`, { token: fin, body: { revision: cur?.revision ?? 1, note: '见批注' } });
            const target = c.kind === 'confirm' ? 'confirmed' : 'returned';
            if (!cur) expect(r.status).toBe(404);
            else if (c.kind === 'return' && locked(b, c.q)) expect(r.status).toBe(423);
            else if (cur.status === target) expect(r.status).toBe(409);
            else { expect(r.status).toBe(200); cur.status = target; cur.history[cur.history.length - 1]!.status = target; }
          } else if ('org' in c) {
            const o = orgs[c.org]!;
            const key = `${o}|${c.q}`;
            const r = await call(c.kind === 'lock' ? 'PUT' : 'DELETE', `/api/locks/${o}/${c.q}`, { token: fin });
            if (c.kind === 'lock') { expect(r.status).toBe(locks.has(key) ? 409 : 200); locks.add(key); }
            else { expect(r.status).toBe(locks.has(key) ? 200 : 409); locks.delete(key); }
          }
        }

        for (const q of QUARTERS) {
          const r = await call<RollupNode>('GET', `/api/rollups/${q}`, { token: fin });
          expect(r.status).toBe(200);
          const check = (node: RollupNode): void => {
            const under = node.org.kind === '党支部' ? [node.org.code] : branches.filter((b) => b === node.org.code || parents[b]!.includes(node.org.code));
            const rows = under.map((b) => counted(model.get(`${b}|${q}`))).filter((x): x is Figures => !!x);
            expect(node.figures.dueFen).toBe(rows.reduce((a, x) => a + x.due, 0));
            expect(node.figures.paidFen).toBe(rows.reduce((a, x) => a + x.paid, 0));
            expect(node.figures.arrearsFen).toBe(rows.reduce((a, x) => a + x.arrears, 0));
            expect(node.figures.membersInArrears).toBe(rows.reduce((a, x) => a + x.inArrears, 0));
            expect(node.figures.members.formal).toBe(rows.reduce((a, x) => a + x.members, 0));
            expect(node.figures.branches).toEqual({
              total: under.length, submitted: rows.length, confirmed: rows.filter((x) => x.status === 'confirmed').length, missing: under.length - rows.length,
            });
            if (node.org.kind === '党支部') {
              const m = model.get(`${node.org.code}|${q}`);
              expect(node.status).toBe(m?.status ?? null);
              expect(node.revision).toBe(m?.revision ?? null);
              expect(node.locked).toBe(locked(node.org.code, q));
            }
            node.children.forEach(check);
          };
          check(r.body);
        }
        const chain = await call('GET', '/api/audit/verify', { token: fin });
        expect(chain.body.ok).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
