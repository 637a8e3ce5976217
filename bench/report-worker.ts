/**
 * The bench's worker: builds a synthetic committee and its workbook inside workerd, so the
 * generator's CPU time and memory are measured in the runtime it ships in. Bundled and run by
 * bench/report.bench.ts through Miniflare; not part of the deployed worker.
 */
import { reportLayout } from '../worker/src/reports/layout';
import { syntheticReport } from './report-synthetic';
import { writeXlsxExcelJs } from './xlsx-exceljs';
import { writeXlsxStream } from '../worker/src/reports/xlsx-stream';

export default {
  async fetch(req: Request): Promise<Response> {
    const u = new URL(req.url);
    const num = (k: string, d: number) => Number(u.searchParams.get(k) ?? d);
    const input = syntheticReport({
      period: u.searchParams.get('period') ?? '2026',
      generals: num('generals', 50),
      branchesPerGeneral: num('branches', 20),
      membersPerBranch: num('members', 50),
    });
    const t0 = performance.now();
    const d0 = Date.now();
    const bytes = u.searchParams.get('writer') === 'exceljs'
      ? await writeXlsxExcelJs(reportLayout(input))
      : writeXlsxStream(reportLayout(input));
    return Response.json({ bytes: bytes.length, perfMs: performance.now() - t0, dateMs: Date.now() - d0 });
  },
};
