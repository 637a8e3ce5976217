/** Revision tags: `"r3-<16 hex of the body hash>"`. If-Match may carry the tag or the bare revision. */

export function makeEtag(revision: number, bodyHash: string): string {
  return `"r${revision}-${bodyHash.slice(0, 16)}"`;
}

/** Does an If-Match header name this revision? Accepts the tag (quoted or not, W/ ignored) or "3". */
export function ifMatchHolds(header: string, etag: string, revision: number): boolean {
  const bare = etag.replace(/"/g, '');
  return header.split(',').some((part) => {
    const v = part.trim().replace(/^W\//, '').replace(/"/g, '');
    return v === bare || v === String(revision) || v === `r${revision}`;
  });
}
