/**
 * The worker under `wrangler dev` on a fresh local D1 (its own persist dir, migrated, seeded):
 *  - submitting a 500-member branch quarter (re-submitted many times: each is a new revision);
 *  - the quarter roll-up of a 党委 with 200 branches × 50 members, at the root, a 总支 and a branch;
 *  - throughput with 20 concurrent clients (re-submissions of 50-member quarters, and roll-ups).
 * Prints median and p99 of the client's round trip and of the server's own time (Server-Timing).
 * Targets on this machine: submission < 100 ms, roll-up < 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// @ts-expect-error -- plain ESM launcher shared with `npm start` (no type declarations)
import { migrateLocal, seedLocal, startWorker } from '../scripts/start-worker.mjs';
import type { Submission, SubmissionMember } from '../shared/api/contract';
import { checkCharacter } from '../shared/idcard';
import { quarterMonths } from '../shared/quarter';
import { monthlyDue } from '../shared/standard';

const Q = '2026Q3';
const ZONGZHI = 10;
const PER_ZONGZHI = 20;
const MEMBERS = 50;
const BIG_BRANCH = 500;
const SUBMIT_RUNS = Number(process.env.BENCH_SUBMIT_RUNS ?? 60);
const ROLLUP_RUNS = Number(process.env.BENCH_ROLLUP_RUNS ?? 200);
const CONCURRENCY = 20;
const THROUGHPUT_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 8000);

interface Token { orgCode: string; role: string; token: string }

function validId(n: number): string {
  const first17 = `110105${1950 + (n % 50)}${String((Math.floor(n / 50) % 12) + 1).padStart(2, '0')}${String((Math.floor(n / 600) % 28) + 1).padStart(2, '0')}${String(Math.floor(n / 16800) % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const CATS: SubmissionMember['category'][] = ['在职', '在职', '在职', '离退休', '农民', '学生'];

function quarterOf(from: number, count: number, salt = 0): Submission {
  const members: SubmissionMember[] = [];
  let dueFen = 0;
  let paidFen = 0;
  for (let i = 0; i < count; i++) {
    const n = from + i;
    const category = CATS[n % CATS.length]!;
    const baseFen = category === '在职' || category === '离退休' ? 250000 + ((n * 7919 + salt) % 1500000) : null;
    const months = quarterMonths(Q).map((month) => {
      const d = monthlyDue({ category, baseFen, month });
      const due = d.kind === 'rate' || d.kind === 'flat' ? d.dueFen : 0;
      const paid = n % 11 === 0 ? 0 : due;
      dueFen += due;
      paidFen += paid;
      return { month, baseFen, dueFen: due, paidFen: paid, largeFen: 0 };
    });
    members.push({
      // Base 36: the server refuses a name holding six or more digits (it could be an ID), and n runs past 100,000.
      name: `党员${n.toString(36).toUpperCase()}`, idNumber: validId(n), memberClass: n % 9 === 0 ? '预备党员' : '正式党员', standing: '正常', category,
      joinDate: '2001-07-01', months, unpaidStreak: n % 11 === 0 ? 3 : 0,
    });
  }
  return { quarter: Q, reportDate: '2026-09-30', members, findings: [], totals: { members: count, dueFen, paidFen } };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};
const fmt = (x: number) => `${x.toFixed(1).padStart(7)} ms`;

function serverMs(res: Response): number {
  const m = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return m ? Number(m[1]) : NaN;
}

async function timed(url: string, init: RequestInit): Promise<{ client: number; server: number; res: Response; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { client: performance.now() - t0, server: serverMs(res), res, body };
}

function report(name: string, client: number[], server: number[], target: number): void {
  const p50 = quantile(client, 0.5);
  const p99 = quantile(client, 0.99);
  console.log(`${name.padEnd(44)} client median ${fmt(p50)}  p99 ${fmt(p99)} | server median ${fmt(quantile(server, 0.5))}  p99 ${fmt(quantile(server, 0.99))} | n=${client.length} | target < ${target} ms: ${quantile(server, 0.5) < target ? 'met' : 'MISSED'} (server median)`);
}

async function main(): Promise<void> {
  const persistTo = mkdtempSync(path.join(os.tmpdir(), 'duesbook-bench-'));
  const tree = {
    code: 'B', name: '基准党委', kind: '党委' as const,
    children: Array.from({ length: ZONGZHI }, (_, z) => ({
      code: `B-${z}`, name: `第${z}党总支`, kind: '党总支' as const,
      children: Array.from({ length: PER_ZONGZHI }, (_, b) => ({ code: `B-${z}-${b}`, name: `第${z}-${b}党支部`, kind: '党支部' as const })),
    })),
  };
  const branches = tree.children.flatMap((z) => z.children.map((b) => b.code));
  const t0 = performance.now();
  migrateLocal(persistTo);
  const bigTokens: Token[] = await seedLocal(persistTo, { tree, tokens: [{ orgCode: 'B', role: 'finance' }, ...branches.map((b) => ({ orgCode: b, role: 'clerk' }))] });
  const subTokens: Token[] = await seedLocal(persistTo, { tree: { code: 'S', name: '提交基准党委', kind: '党委', children: [{ code: 'S-1', name: '五百人党支部', kind: '党支部' }] }, tokens: [{ orgCode: 'S-1', role: 'clerk' }] });
  const w = await startWorker({ port: 0, persistTo, seed: false, log: process.env.BENCH_LOG === '1' });
  console.log(`wrangler dev at ${w.url} (fresh D1 in ${persistTo}), ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const auth = (t: string) => ({ Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' });
  const tok = (code: string, role = 'clerk') => bigTokens.find((t) => t.orgCode === code && t.role === role)!.token;
  try {
    // Populate: 200 branches × 50 members, 8 at a time.
    const tp = performance.now();
    const etags = new Map<string, string>();
    for (let i = 0; i < branches.length; i += 8) {
      await Promise.all(branches.slice(i, i + 8).map(async (b, j) => {
        const r = await timed(`${w.url}/api/submissions`, { method: 'POST', headers: auth(tok(b)), body: JSON.stringify(quarterOf((i + j) * 100, MEMBERS)) });
        if (r.res.status !== 201) throw new Error(`seed submit ${b}: ${r.res.status} ${r.body.slice(0, 300)}`);
        etags.set(b, (JSON.parse(r.body) as { etag: string }).etag);
      }));
    }
    console.log(`populated ${branches.length} branches × ${MEMBERS} members in ${((performance.now() - tp) / 1000).toFixed(1)} s`);

    // 1. A 500-member branch quarter, submitted SUBMIT_RUNS times (revision after revision).
    const subTok = subTokens[0]!.token;
    const q500 = quarterOf(1_000_000, BIG_BRANCH);
    const body500 = JSON.stringify(q500);
    // A note of its own per run: the same content again is its existing receipt (200), not a new revision.
    const runBody = (i: number) => JSON.stringify({ ...q500, note: `bench run ${i}` });
    console.log(`500-member submission body: ${(body500.length / 1024).toFixed(0)} KiB`);
    let etag: string | undefined;
    const sc: number[] = [];
    const ss: number[] = [];
    for (let i = 0; i < SUBMIT_RUNS + 3; i++) {
      const headers: Record<string, string> = { ...auth(subTok), 'Idempotency-Key': `bench-${i}` };
      if (etag) headers['If-Match'] = etag;
      const r = await timed(`${w.url}/api/submissions`, { method: 'POST', headers, body: runBody(i) });
      if (r.res.status !== 201) throw new Error(`submit: ${r.res.status} ${r.body.slice(0, 300)}`);
      etag = (JSON.parse(r.body) as { etag: string }).etag;
      if (i >= 3) { sc.push(r.client); ss.push(r.server); } // first few warm the isolate
    }
    report('submit 500-member quarter (new revision)', sc, ss, 100);

    // Idempotent replay of the last one: what a retry costs.
    const rc: number[] = [];
    const rs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await timed(`${w.url}/api/submissions`, { method: 'POST', headers: { ...auth(subTok), 'Idempotency-Key': `bench-${SUBMIT_RUNS + 2}` }, body: runBody(SUBMIT_RUNS + 2) });
      if (r.res.status !== 201) throw new Error(`replay: ${r.res.status}`);
      rc.push(r.client);
      rs.push(r.server);
    }
    report('retry (Idempotency-Key replay), 500 members', rc, rs, 100);

    // 2. Roll-ups of the 200-branch 党委 at the root, a 总支 and a branch.
    const fin = tok('B', 'finance');
    for (const [label, q] of [['root 党委 (200 branches)', ''], ['党总支 (20 branches)', '?org=B-3'], ['党支部 (50 members)', '?org=B-3-7']] as const) {
      const c: number[] = [];
      const s: number[] = [];
      for (let i = 0; i < ROLLUP_RUNS + 5; i++) {
        const r = await timed(`${w.url}/api/rollups/${Q}${q}`, { headers: auth(fin) });
        if (r.res.status !== 200) throw new Error(`rollup: ${r.res.status} ${r.body.slice(0, 200)}`);
        if (i === 0 && !q) {
          const root = JSON.parse(r.body) as { figures: { branches: { submitted: number }; members: { formal: number; probationary: number } } };
          console.log(`root roll-up: ${root.figures.branches.submitted} branches submitted, ${root.figures.members.formal + root.figures.members.probationary} members`);
        }
        if (i >= 5) { c.push(r.client); s.push(r.server); }
      }
      report(`roll-up ${Q} at ${label}`, c, s, 50);
    }
    {
      const c: number[] = [];
      const s: number[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await timed(`${w.url}/api/rollups/2026`, { headers: auth(fin) });
        c.push(r.client);
        s.push(r.server);
      }
      report('roll-up year 2026 at root', c, s, 50);
    }

    // 3. Throughput: 20 concurrent clients.
    for (const kind of ['roll-up at root', 're-submit 50-member quarter'] as const) {
      let done = 0;
      let failed = 0;
      const failures = new Map<string, number>();
      const lat: number[] = [];
      const end = performance.now() + THROUGHPUT_MS;
      await Promise.all(Array.from({ length: CONCURRENCY }, async (_, c) => {
        const b = branches[c * 7]!;
        let k = 0;
        while (performance.now() < end) {
          let r;
          if (kind === 'roll-up at root') {
            r = await timed(`${w.url}/api/rollups/${Q}`, { headers: auth(fin) });
          } else {
            r = await timed(`${w.url}/api/submissions`, {
              method: 'POST', headers: { ...auth(tok(b)), 'If-Match': etags.get(b)!, 'Idempotency-Key': `tp-${c}-${k++}` },
              body: JSON.stringify(quarterOf(c * 100 + 50_000, MEMBERS, k)),
            });
            if (r.res.status === 201) etags.set(b, (JSON.parse(r.body) as { etag: string }).etag);
          }
          if (r.res.status >= 400) {
            failed += 1;
            const code = /"code":"([A-Z_]+)"/.exec(r.body)?.[1] ?? String(r.res.status);
            failures.set(code, (failures.get(code) ?? 0) + 1);
          } else done += 1;
          lat.push(r.client);
        }
      }));
      console.log(`throughput, ${CONCURRENCY} clients, ${kind.padEnd(28)} ${(done / (THROUGHPUT_MS / 1000)).toFixed(0).padStart(5)} req/s  (ok ${done}, failed ${failed}; latency median ${fmt(quantile(lat, 0.5))} p99 ${fmt(quantile(lat, 0.99))})${failures.size ? ` failures: ${JSON.stringify(Object.fromEntries(failures))}` : ''}`);
    }
    const v = await fetch(`${w.url}/api/audit/verify`, { headers: auth(fin) });
    console.log(`audit chain after the run: ${await v.text()}`);
  } finally {
    w.stop();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
