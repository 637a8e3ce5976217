/**
 * Response headers the worker adds. The pane (static assets) gets a Content-Security-Policy that
 * lets it run inside Office: office.js from Microsoft's CDN, framed only by Office's own hosts
 * (Excel on the web; desktop Excel shows it top-level in a webview). The same policy is in
 * addin/public/_headers, which the platform applies to assets it serves without the worker.
 * Every API answer is nosniff and, since most carry member lists and income, never cached.
 */

/** office.js's inline onerror in taskpane.html (browser mode when office.js cannot load). */
const OFFICE_ONERROR_HASH = "'sha256-X5ta4BVieJlT8ak26nJ2OqyTHoEd1agpfLt94gkvTh0='";
const OFFICE_HOSTS = 'https://*.officeapps.live.com https://*.office.com https://*.office365.com https://*.microsoft.com https://*.sharepoint.com https://*.cloud.microsoft';

export const PANE_CSP = [
  "default-src 'self'",
  `script-src 'self' https://appsforoffice.microsoft.com https://*.officeapps.live.com 'unsafe-hashes' ${OFFICE_ONERROR_HASH}`,
  // Fluent UI (griffel) inserts its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self' ${OFFICE_HOSTS}`,
  "worker-src 'self' blob:",
  `frame-src ${OFFICE_HOSTS}`,
  `frame-ancestors 'self' ${OFFICE_HOSTS}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export const PANE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PANE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The pane's headers on a response that passed through the worker (assets, the 404 page). */
export function withPaneHeaders(res: Response): Response {
  const out = new Response(res.body, res);
  for (const [k, v] of Object.entries(PANE_HEADERS)) out.headers.set(k, v);
  return out;
}

/** Every API answer: nosniff; no-store unless the route chose its own caching. */
export function setApiHeaders(headers: Headers): void {
  headers.set('X-Content-Type-Options', 'nosniff');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
}
