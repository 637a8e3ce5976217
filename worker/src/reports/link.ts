/**
 * Short-lived signed download links, so a leader can open the workbook from a plain browser
 * without pasting a token. A link is good for one purpose (downloading this report), one
 * organisation, one period, until its expiry; it carries the id of the token that made it, so
 * revoking that token kills its links too. HMAC-SHA256 with a key derived from the worker's
 * secret for this purpose alone (a link signature can never stand in for an ID hash).
 */

export const LINK_PURPOSE = 'report-download';
export const LINK_DEFAULT_MINUTES = 10;
export const LINK_MAX_MINUTES = 60;

export interface LinkClaims {
  purpose: typeof LINK_PURPOSE;
  org: string;
  period: string;
  /** The bearer token that asked for the link. */
  tokenId: number;
  /** Unix seconds. */
  exp: number;
}

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function linkKey(secret: string): Promise<CryptoKey> {
  // Derive a purpose-bound key: HMAC(secret, label). The raw secret is never used for links.
  const base = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const derived = await crypto.subtle.sign('HMAC', base, enc.encode('duesbook/report-link/v1'));
  return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** "payload.signature", both base64url: the value of the ?link= query parameter. */
export async function signLink(secret: string, claims: LinkClaims): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify(claims)));
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', await linkKey(secret), enc.encode(payload)));
  return `${payload}.${b64url(sig)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'purpose' | 'period' };

/** Verifies signature first (constant time, in WebCrypto), then purpose, period and expiry. */
export async function verifyLink(secret: string, link: string, period: string, nowSeconds: number): Promise<LinkCheck> {
  const [payload, sigText, extra] = link.split('.');
  if (!payload || !sigText || extra !== undefined) return { ok: false, reason: 'malformed' };
  const sig = unb64url(sigText);
  if (!sig || sig.length !== 32) return { ok: false, reason: 'malformed' };
  const good = await crypto.subtle.verify('HMAC', await linkKey(secret), sig, enc.encode(payload));
  if (!good) return { ok: false, reason: 'signature' };
  let claims: LinkClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(unb64url(payload) ?? new Uint8Array())) as LinkClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.purpose !== LINK_PURPOSE) return { ok: false, reason: 'purpose' };
  if (claims.period !== period) return { ok: false, reason: 'period' };
  if (!(typeof claims.exp === 'number' && claims.exp > nowSeconds)) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
