/**
 * The branch's approvals and transfers for the year the check is about (issue 15), fetched when
 * a branch's clerk is signed in, so the pane's check applies them as the server will
 * (shared/approvals/apply.ts). Not signed in, another role, or the server unreachable: null, and
 * the check is the workbook's alone — it then says nothing about approvals rather than something false.
 */
import { useEffect, useState } from 'react';
import type { YearRecords } from '../../../shared/approvals/apply';
import { listApprovals, listTransfers } from '../../../shared/api/year-client';
import type { ApiClient, WhoAmI } from '../api/client';

export function useYearRecords(client: ApiClient | null, who: WhoAmI | null, year: string, refresh?: unknown): YearRecords | undefined {
  const [found, setFound] = useState<{ key: string; records: YearRecords } | null>(null);
  const key = who?.role === 'clerk' && client ? `${who.org.code}|${year}` : '';
  useEffect(() => {
    if (!key || !client) return;
    let live = true;
    Promise.all([listApprovals(client.shared, { year }), listTransfers(client.shared)]).then(
      ([approvals, transfers]) => live && setFound({ key, records: { approvals, transfers } }),
      () => live && setFound(null),
    );
    return () => {
      live = false;
    };
  }, [client, key, year, refresh]);
  return found && found.key === key ? found.records : undefined;
}
