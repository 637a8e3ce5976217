/**
 * The command line's connection to the API: the shared client (shared/api/client.ts), which
 * parses every answer with the contract and throws one ApiError carrying the code, and where the
 * server and token come from.
 */
import { ApiError, DuesbookClient } from '../../shared/api/client';

export { ApiError, DuesbookClient };

export function client(conn: { server: string; token: string }): DuesbookClient {
  return new DuesbookClient({ baseUrl: conn.server, token: conn.token });
}

/** "403 FORBIDDEN: …" as the refusals are printed. */
export function said(e: ApiError): string {
  return `${e.status} ${e.code}: ${e.message}`;
}

/** Server and token from flags, else DUESBOOK_SERVER / DUESBOOK_TOKEN; a server that is not a URL is said here, once for every command. */
export function connection(flags: { server?: string; token?: string }, env: Record<string, string | undefined>): { server: string; token: string } | { missing: string } {
  const server = flags.server ?? env.DUESBOOK_SERVER;
  const token = flags.token ?? env.DUESBOOK_TOKEN;
  if (!server) return { missing: 'no server: pass --server URL or set DUESBOOK_SERVER' };
  if (!token) return { missing: 'no token: pass --token TOKEN or set DUESBOOK_TOKEN' };
  if (!URL.canParse(server)) return { missing: `not a URL: ${server}` };
  return { server, token };
}
