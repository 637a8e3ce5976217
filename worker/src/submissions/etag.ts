/** Revision tags: `"r3-<16 hex of the body hash>"`. If-Match may carry the tag or the bare revision. */

export function makeEtag(revision: number, bodyHash: string): string {
  return `"r${revision}-${bodyHash.slice(0, 16)}"`;
}

/**
 * Does an If-Match header hold for this revision? RFC 9110 §13.1.1: If-Match compares strongly,
 * so a weak tag (W/"…") never matches; "*" holds whenever a current revision exists (the caller
 * answers 412 when there is none). Otherwise the tag (quoted or not) or the bare revision "3"/"r3".
 */
export function ifMatchHolds(header: string, etag: string, revision: number): boolean {
  const bare = etag.replace(/"/g, '');
  return header.split(',').some((part) => {
    const p = part.trim();
    if (p === '*') return true;
    if (/^W\//i.test(p)) return false;
    const v = p.replace(/"/g, '');
    return v === bare || v === String(revision) || v === `r${revision}`;
  });
}
