// What the command-line tests share: a JSON server on 127.0.0.1 that records every request it is
// sent, and a way to run a command with its standard output and error captured.
import { createServer } from 'node:http';
import { vi } from 'vitest';

export interface SeenRequest {
  method: string;
  url: string;
  body: unknown;
}

export type Reply = (status: number, body: unknown) => void;

/** Starts the server; `route` answers each request (its raw body too) through `json`. */
export async function jsonServer(route: (req: SeenRequest & { raw: string }, json: Reply) => void) {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', body: raw ? (JSON.parse(raw) as unknown) : undefined };
      seen.push(r);
      route({ ...r, raw }, (status, b) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(b)));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  return {
    base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`,
    seen,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Runs a command with stdout and stderr captured (and not printed). */
export async function quiet(f: () => Promise<number>) {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    return { code: await f(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
