// Model-based: random sequences of submits, re-submits (fresh and stale), confirmations, returns,
// locks and unlocks, approvals (entered, confirmed, rejected) and transfers-in from several
// branches; afterwards the roll-ups at every node equal an in-memory model computed here,
// independently of the worker's arithmetic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RollupNode, SubmissionMember } from '../../shared/api/contract';
import type { OrgSpec } from '../../worker/seed/committee';
import { call, member, seed, submission, validId } from './helpers';

const QUARTERS = ['2026Q1', '2026Q2'] as const;
type Q = (typeof QUARTERS)[number];

type Status = 'submitted' | 'confirmed' | 'returned';
interface Figures { status: Status; due: number; paid: number; arrears: number; inArrears: number; members: number; ms: SubmissionMember[]; ns: number[] }

type AKind = '少交' | '免交' | '缓交' | '补交';
/** An approval as the model keeps it: member number, months, its state. */
interface MApproval { id: number; branch: string; n: number; kind: AKind; from: string; to: string; amount: number; own: boolean; status: 'pending' | 'confirmed' | 'rejected' | 'withdrawn' | 'revoked' }
/** A transfer-in: the member's months through paidThrough are not due at the branch. */
interface MTransfer { id: number; branch: string; n: number; paidThrough: string; withdrawn: boolean }

/**
 * A member's quarter arrears under the approvals and transfers-in that stand (dues-standard §4):
 * 免交 nothing due, 少交 at most the amount, 缓交 the unpaid part deferred, 补交 paid; a transfer-in's
 * months through 党费交至年月 not due. Arrears are judged on the quarter as a whole, never rising.
 */
function modelArrears(m: SubmissionMember, on: MApproval[], tr: MTransfer[]): number {
  let d0 = 0, p0 = 0, d1 = 0, p1 = 0;
  for (const mo of m.months) {
    d0 += mo.dueFen; p0 += mo.paidFen;
    let d = mo.dueFen, p = mo.paidFen;
    if (tr.some((t) => mo.month <= t.paidThrough)) d = 0;
    const here = on.filter((a) => a.from <= mo.month && mo.month <= a.to);
    for (const a of here) { if (a.kind === '免交') d = 0; else if (a.kind === '少交') d = Math.min(d, a.amount); }
    for (const a of here) { if (a.kind === '缓交') d = Math.min(d, p); else if (a.kind === '补交') p = Math.max(p, d); }
    d1 += d; p1 += p;
  }
  return Math.min(Math.max(0, d0 - p0), Math.max(0, d1 - p1));
}
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
  { arbitrary: fc.record({
    kind: fc.constant('approve' as const), branch: fc.nat(3), q: fc.constantFrom(...QUARTERS), who: fc.nat(5),
    akind: fc.constantFrom('少交', '免交', '缓交', '补交') as fc.Arbitrary<AKind>, a: fc.nat(2), b: fc.nat(2), amount: fc.integer({ min: 1, max: 20000 }),
    /** What the 党委 does at once with a pending one: most approvals are decided, some wait. */
    then: fc.constantFrom('confirm' as const, 'confirm' as const, 'reject' as const, 'later' as const),
  }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom('approval-confirm' as const, 'approval-confirm' as const, 'approval-reject' as const), which: fc.nat(5) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('transfer-in' as const), branch: fc.nat(3), q: fc.constantFrom(...QUARTERS), who: fc.nat(5), through: fc.nat(2) }), weight: 1 },
  // Taking a record back (issue 15): the branch withdraws a pending approval, the confirming org revokes a confirmed one, a transfer is withdrawn.
  { arbitrary: fc.record({ kind: fc.constant('approval-takeback' as const), which: fc.nat(5) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('transfer-withdraw' as const), which: fc.nat(3) }), weight: 1 },
);

let run = 0;
/** Member-quarters whose arrears approvals or transfers changed, over all runs: the model must reach them. */
let effective = 0;
const kinds: Record<string, number> = {};

describe('roll-ups against a model', () => {
  it('any sequence of operations leaves roll-ups equal to the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Command, { minLength: 3, maxLength: 14 }), async (cmds) => {
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
        const nOf = new Map<string, number>();
        const approvals: MApproval[] = [];
        const transfers: MTransfer[] = [];
        let transferDay = 0;
        /** The member numbers a branch has listed in a quarter (any revision), to aim approvals at. */
        const listed = (b: string, q: Q) => [...new Set((model.get(`${b}|${q}`)?.history ?? []).flatMap((h) => h.ns))];
        const memberOf = (b: string, q: Q, k: number) => (model.get(`${b}|${q}`)?.history ?? []).flatMap((h) => h.ms).find((m) => m.idNumber === validId(k));

        for (const c of cmds) {
          if (c.kind === 'submit') {
            const b = branches[c.branch]!;
            // A re-submission lists the same people again (new figures), so approvals aimed at them keep applying.
            const prevNs = listed(b, c.q);
            // Names stay short of six digits however many runs shrinking takes (a name may not hold a digit run).
            const ms = c.ms.map((m, i) => {
              const k = prevNs[i] ?? n++;
              const x = member(c.q, { n: k, name: `党员${k % 10000}`, category: m.category, paid: m.paid, baseFen: m.category === '在职' || m.category === '离退休' ? m.base : null });
              nOf.set(x.idNumber, k);
              return x;
            });
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
            model.set(`${b}|${c.q}`, { revision: (cur?.revision ?? 0) + 1, etag: r.body.etag, status: 'submitted', history: [...(cur?.history ?? []), { status: 'submitted', due, paid, arrears, inArrears, members: ms.length, ms, ns: ms.map((m) => nOf.get(m.idNumber)!) }] });
          } else if ('branch' in c && (c.kind === 'confirm' || c.kind === 'return')) {
            const b = branches[c.branch]!;
            const cur = model.get(`${b}|${c.q}`);
            const r = await call('POST', `/api/submissions/${b}/${c.q}/${c.kind}`, { token: fin, body: { revision: cur?.revision ?? 1, note: '见批注' } });
            const target = c.kind === 'confirm' ? 'confirmed' : 'returned';
            if (!cur) expect(r.status).toBe(404);
            else if (c.kind === 'return' && locked(b, c.q)) expect(r.status).toBe(423);
            else if (cur.status === target) expect(r.status).toBe(409);
            else { expect(r.status).toBe(200); cur.status = target; cur.history[cur.history.length - 1]!.status = target; }
          } else if (c.kind === 'approve') {
            // Aimed at a branch-quarter that has members (any one, if the drawn one has none).
            const keys = [...model.keys()];
            const key = model.has(`${branches[c.branch]}|${c.q}`) ? `${branches[c.branch]}|${c.q}` : keys[c.branch % Math.max(1, keys.length)];
            if (!key) continue;
            const [b, q] = key.split('|') as [string, Q];
            const k = listed(b, q)[c.who % Math.max(1, listed(b, q).length)];
            if (k === undefined) continue;
            const m = memberOf(b, q, k)!;
            const months = m.months.map((x) => x.month);
            const from = months[Math.min(c.a, c.b)]!, to = months[Math.max(c.a, c.b)]!;
            const amount = c.akind === '免交' || c.akind === '缓交' ? 0 : c.amount;
            const r = await call('POST', '/api/approvals', { token: s.tokens[`clerk@${b}`], body: {
              idNumber: m.idNumber, name: m.name, category: m.category, kind: c.akind, fromMonth: from, toMonth: to, amountFen: amount,
              documentNo: `文号${approvals.length + 1}`, approvingOrgs: ['支部委员会'], approvedOn: '2026-10-15',
            } });
            const overlaps = approvals.some((a) => a.branch === b && a.n === k && a.kind === c.akind && (a.status === 'pending' || a.status === 'confirmed') && a.from <= to && from <= a.to);
            if (overlaps) { expect(r.status).toBe(409); continue; }
            expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
            // Retirees' reductions, every 缓交 and 补交 are the branch's own decision (the default levels).
            const own = m.category === '离退休' || c.akind === '缓交' || c.akind === '补交';
            expect(r.body.status).toBe(own ? 'confirmed' : 'pending');
            const a: MApproval = { id: r.body.id, branch: b, n: k, kind: c.akind, from, to, amount, own, status: own ? 'confirmed' : 'pending' };
            approvals.push(a);
            if (a.status === 'pending' && c.then !== 'later') {
              const d = await call('POST', `/api/approvals/${a.id}/${c.then}`, { token: fin, body: { note: '审核意见' } });
              expect(d.status).toBe(200);
              a.status = c.then === 'confirm' ? 'confirmed' : 'rejected';
            }
            if (a.status !== 'pending') kinds[`${a.kind}:${a.status}`] = (kinds[`${a.kind}:${a.status}`] ?? 0) + 1;
          } else if (c.kind === 'approval-confirm' || c.kind === 'approval-reject') {
            // Mostly a pending one (the decision that matters), sometimes a decided one (409).
            const pending = approvals.filter((x) => x.status === 'pending');
            const a = c.which < 4 && pending.length ? pending[c.which % pending.length] : approvals[c.which % Math.max(1, approvals.length)];
            if (!a) continue;
            const r = await call('POST', `/api/approvals/${a.id}/${c.kind === 'approval-confirm' ? 'confirm' : 'reject'}`, { token: fin, body: { note: '审核意见' } });
            if (a.status !== 'pending') { expect(r.status).toBe(409); continue; }
            expect(r.status).toBe(200);
            a.status = c.kind === 'approval-confirm' ? 'confirmed' : 'rejected';
            kinds[`${a.kind}:${a.status}`] = (kinds[`${a.kind}:${a.status}`] ?? 0) + 1;
          } else if (c.kind === 'transfer-in') {
            const b = branches[c.branch]!;
            const k = listed(b, c.q)[c.who % Math.max(1, listed(b, c.q).length)];
            if (k === undefined) continue;
            const m = memberOf(b, c.q, k)!;
            const paidThrough = m.months[c.through]!.month;
            const r = await call('POST', '/api/transfers', { token: s.tokens[`clerk@${b}`], body: {
              idNumber: m.idNumber, name: m.name, direction: '转入', date: `2026-06-${String((transferDay++ % 28) + 1).padStart(2, '0')}`, paidThrough, counterpart: '原党支部',
            } });
            expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
            transfers.push({ id: r.body.id as number, branch: b, n: k, paidThrough, withdrawn: false });
          } else if (c.kind === 'approval-takeback') {
            const a = approvals[c.which % Math.max(1, approvals.length)];
            if (!a) continue;
            // Pending: the branch withdraws; confirmed: the org that confirmed it revokes (the branch for its own decisions).
            const action = a.status === 'confirmed' ? 'revoke' : 'withdraw';
            const token = action === 'revoke' && !a.own ? fin : s.tokens[`clerk@${a.branch}`];
            const r = await call('POST', `/api/approvals/${a.id}/${action}`, { token, body: { reason: '录入有误' } });
            if (a.status !== 'pending' && a.status !== 'confirmed') { expect(r.status).toBe(409); continue; }
            expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
            a.status = action === 'revoke' ? 'revoked' : 'withdrawn';
            expect(r.body.status).toBe(a.status);
            kinds[`takeback:${a.status}`] = (kinds[`takeback:${a.status}`] ?? 0) + 1;
          } else if (c.kind === 'transfer-withdraw') {
            const t = transfers[c.which % Math.max(1, transfers.length)];
            if (!t) continue;
            const r = await call('POST', `/api/transfers/${t.id}/withdraw`, { token: s.tokens[`clerk@${t.branch}`], body: { reason: '误录' } });
            expect(r.status).toBe(t.withdrawn ? 409 : 200);
            t.withdrawn = true;
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
            // Arrears after the approvals and transfers-in that stand; what they took off, apart.
            let after = 0, inArrears = 0;
            for (const b of under) {
              const f = counted(model.get(`${b}|${q}`));
              for (const m of f?.ms ?? []) {
                const k = nOf.get(m.idNumber)!;
                const x = modelArrears(m, approvals.filter((a) => a.branch === b && a.n === k && a.status === 'confirmed').sort((p, r) => p.id - r.id), transfers.filter((t) => t.branch === b && t.n === k && !t.withdrawn));
                after += x;
                if (x > 0) inArrears += 1;
                if (node.org.kind === '党支部' && x < Math.max(0, m.months.reduce((t, mo) => t + mo.dueFen - mo.paidFen, 0))) effective += 1;
              }
            }
            expect(node.figures.arrearsFen).toBe(after);
            expect(node.figures.approvedFen).toBe(rows.reduce((a, x) => a + x.arrears, 0) - after);
            expect(node.figures.membersInArrears).toBe(inArrears);
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
    // The runs reached approvals that changed arrears, of every kind confirmed at least once in most runs of the suite.
    expect(effective).toBeGreaterThan(0);
    expect(Object.keys(kinds).filter((k) => k.endsWith(':confirmed')).length).toBeGreaterThan(1);
    // …and took records back, both ways, at least once over the runs.
    expect(Object.keys(kinds).filter((k) => k.startsWith('takeback:')).length).toBeGreaterThan(0);
  });
});
