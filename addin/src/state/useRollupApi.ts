/**
 * What the roll-up view may ask of the server and the host: the tree, a branch's members,
 * reviews, locks, and the consolidated workbook — opened in Excel where it can be, else a signed
 * link (Excel's webview does not save blobs), else downloaded by the browser.
 */
import { useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { ApiError, XLSX_MIME } from '../api/client';
import type { WorkbookHost } from '../host/workbookHost';
import type { RollupApi } from '../views/RollupView';

const refuse = () => Promise.reject(new ApiError('UNAUTHENTICATED', 'not signed in'));
const signedOut: RollupApi = { load: refuse, members: refuse, review: refuse, lock: refuse, unlock: refuse, download: refuse };

export function useRollupApi(client: ApiClient | null, host: WorkbookHost): RollupApi {
  return useMemo(
    () =>
      client
        ? {
          load: (p: string) => client.rollup(p),
          members: (p: string, b: string) => client.branchMembers(p, b),
          review: (b: string, q: string, a: 'confirm' | 'return', rev: number, n: string) => client.review(b, q, a, rev, n),
          lock: (org: string, q: string) => client.lock(org, q),
          unlock: (org: string, q: string) => client.unlock(org, q),
          reviewFacts: (b: string, q: string, rev: number) => client.reviewFacts(b, q, rev),
          download: async (p: string) => {
            // WPS's embedded browser, like Excel's webview, may not save a blob: use the signed link.
            if (host.kind === 'excel' || host.kind === 'wps') {
              if (host.kind === 'excel' && host.openWorkbook) await host.openWorkbook(await client.report(p));
              else window.open(await client.reportLink(p), '_blank', 'noopener');
              return;
            }
            const blob = new Blob([await client.report(p)], { type: XLSX_MIME });
            const url = URL.createObjectURL(blob);
            const a = document.createElement('a');
            a.href = url;
            a.download = `duesbook-${p}.xlsx`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          },
          opensInExcel: host.kind === 'excel' && !!host.openWorkbook,
          ...(host.insertSheet ? { insertSheet: host.insertSheet.bind(host) } : {}),
        }
        : signedOut,
    [client, host],
  );
}
