// Signed download links on their own: each claim is checked, and the reason a link fails is the
// one that applies (so the user is told "expired" only when it is).
import { describe, expect, it } from 'vitest';
import { LINK_PURPOSE, signLink, verifyLink, type LinkClaims } from '../../../worker/src/reports/link';

const KEY = 'link-test-key';
const NOW = 1_800_000_000;
const claims: LinkClaims = { purpose: LINK_PURPOSE, org: 'JT', period: '2026Q3', tokenId: 7, exp: NOW + 600 };
const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('verifyLink', () => {
  it('accepts its own link and returns the claims', async () => {
    const link = await signLink(KEY, claims);
    expect(await verifyLink(KEY, link, '2026Q3', NOW)).toEqual({ ok: true, claims });
  });

  it('refuses by the reason that applies', async () => {
    const link = await signLink(KEY, claims);
    expect(await verifyLink(KEY, link, '2026Q3', NOW + 600)).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyLink(KEY, link, '2026Q2', NOW)).toEqual({ ok: false, reason: 'period' });
    expect(await verifyLink('other-key', link, '2026Q3', NOW)).toEqual({ ok: false, reason: 'signature' });
    const other = await signLink(KEY, { ...claims, purpose: 'something-else' as typeof LINK_PURPOSE });
    expect(await verifyLink(KEY, other, '2026Q3', NOW)).toEqual({ ok: false, reason: 'purpose' });
    const [, sig] = link.split('.');
    expect(await verifyLink(KEY, `${b64({ ...claims, tokenId: 1 })}.${sig}`, '2026Q3', NOW)).toEqual({ ok: false, reason: 'signature' });
    for (const bad of ['', '.', 'a.b.c', `${b64(claims)}.***`, `${b64(claims)}.${'A'.repeat(10)}`]) {
      expect((await verifyLink(KEY, bad, '2026Q3', NOW)).ok).toBe(false);
    }
  });

  it('does not accept the ID-hash HMAC of the same text as a link signature (derived key)', async () => {
    const payload = b64(claims);
    const raw = await crypto.subtle.importKey('raw', new TextEncoder().encode(KEY), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const sig = new Uint8Array(await crypto.subtle.sign('HMAC', raw, new TextEncoder().encode(payload)));
    let bin = '';
    for (const b of sig) bin += String.fromCharCode(b);
    const forged = `${payload}.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    expect(await verifyLink(KEY, forged, '2026Q3', NOW)).toEqual({ ok: false, reason: 'signature' });
  });
});
