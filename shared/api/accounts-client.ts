/**
 * The money routes through the one client (client.ts's DuesbookClient.request): answers parsed
 * with accounts.ts's schemas, failures the same ApiError. Kept beside the client rather than in it
 * so the routes of issue 16 hang on with no edit to the shared hub.
 */
import type { DuesbookClient } from './client';
import {
  EntryAnswerSchema, LargeDuesListSchema, RemittanceAnswerSchema, RemittanceStatusSchema, ShareAnswerSchema, SharesListSchema, YearAccountsSchema,
  type EntryRequest, type RemittanceRequest, type ShareRequest,
} from './accounts';

const e = encodeURIComponent;
export const accountPaths = {
  shares: () => '/api/remittances/shares',
  remittances: (year: string) => `/api/remittances/${e(year)}`,
  accounts: (year: string) => `/api/accounts/${e(year)}`,
  entries: (year: string) => `/api/accounts/${e(year)}/entries`,
  large: (period: string, org?: string) => `/api/rollups/${e(period)}/large${org ? `?org=${e(org)}` : ''}`,
};

export function accountsApi(c: DuesbookClient) {
  const data = async <T>(p: Promise<{ data: T }>) => (await p).data;
  return {
    shares: () => data(c.request('GET', accountPaths.shares(), SharesListSchema)),
    addShare: (body: ShareRequest) => data(c.request('POST', accountPaths.shares(), ShareAnswerSchema, { body })),
    remittances: (year: string) => data(c.request('GET', accountPaths.remittances(year), RemittanceStatusSchema)),
    remit: (year: string, body: RemittanceRequest) => data(c.request('POST', accountPaths.remittances(year), RemittanceAnswerSchema, { body })),
    accounts: (year: string) => data(c.request('GET', accountPaths.accounts(year), YearAccountsSchema)),
    record: (year: string, body: EntryRequest) => data(c.request('POST', accountPaths.entries(year), EntryAnswerSchema, { body })),
    large: (period: string, org?: string) => data(c.request('GET', accountPaths.large(period, org), LargeDuesListSchema)),
  };
}
export type AccountsApi = ReturnType<typeof accountsApi>;
