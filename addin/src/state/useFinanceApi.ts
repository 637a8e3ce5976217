/**
 * The 党委's money routes for the pane's finance view: the shared accounts client
 * (shared/api/accounts-client.ts) over a DuesbookClient made from the session's token — only for
 * finance and admin of a 党委, who alone may use them (the server checks it again).
 */
import { useMemo } from 'react';
import { DuesbookClient, type FetchFn } from '../../../shared/api/client';
import { accountsApi, type AccountsApi } from '../../../shared/api/accounts-client';
import type { WhoAmI } from '../api/client';

export function keepsCommitteeAccounts(who: WhoAmI | null): boolean {
  return !!who && who.org.kind === '党委' && (who.role === 'finance' || who.role === 'admin');
}

export function useFinanceApi(token: string | null, who: WhoAmI | null, apiBase?: string, fetch?: FetchFn): AccountsApi | null {
  return useMemo(
    () => (token && keepsCommitteeAccounts(who) ? accountsApi(new DuesbookClient({ token, baseUrl: apiBase ?? '', ...(fetch ? { fetch } : {}) })) : null),
    [token, who, apiBase, fetch],
  );
}
