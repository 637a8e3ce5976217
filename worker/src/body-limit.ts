/**
 * The 5 MB body limit. Like hono's bodyLimit (Content-Length checked up front, other bodies
 * counted as they are read), but a refused body is cancelled: hono's leaves the request stream
 * unread and its reader locked after a 413, so the runtime keeps the upload (and, on the local
 * runtime, the connection) waiting — requests stalled until another one arrived (issue 9, item 16).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

export function bodyLimit(maxSize: number, tooLarge: () => Error): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.raw.headers.get('content-length');
    if (declared !== null && !c.req.raw.headers.has('transfer-encoding')) {
      if (Number.parseInt(declared, 10) > maxSize) {
        await body.cancel('payload too large').catch(() => undefined);
        throw tooLarge();
      }
      return next();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxSize) {
        await reader.cancel('payload too large').catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const ch of chunks) {
      all.set(ch, at);
      at += ch.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: all });
    return next();
  };
}
