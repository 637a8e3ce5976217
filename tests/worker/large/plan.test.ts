// 大额党费 reads go through the partial index of migration 0014, never a scan of every member line
// (the roll-up asks for them on every request).
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';

describe('大额党费 queries', () => {
  it('use submission_members_large', async () => {
    const plan = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT bq.org_id, SUM(m.large_fen) AS fen FROM branch_quarters bq JOIN orgs o ON o.id = bq.org_id
         JOIN submission_members m ON m.submission_id = bq.counted_submission_id AND m.large_fen > 0
        WHERE o.path LIKE ? AND bq.quarter IN (?, ?) GROUP BY bq.org_id`,
    ).bind('/1/%', '2026Q1', '2026Q2').all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(details.some((d) => /submission_members_large/.test(d)), details.join('\n')).toBe(true);
    expect(details.some((d) => /SCAN m\b/.test(d)), details.join('\n')).toBe(false);
  });
});
