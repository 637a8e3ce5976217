/** Worker entry: /api/* is the Hono app; anything else is the built task pane (static assets). */
import { createApp } from './app';
import { withPaneHeaders } from './headers';

const app = createApp();

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/api/') || url.pathname === '/api') return app.fetch(request, env, ctx);
    // Reached only when no asset matched (assets are served before the worker outside /api/*).
    if (env.ASSETS && request.method === 'GET') {
      const res = await env.ASSETS.fetch(request);
      if (res.status !== 404) return withPaneHeaders(res);
    }
    return withPaneHeaders(new Response('Duesbook API: see /api/openapi.json. The task pane has not been built (npm run build).\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }));
  },
} satisfies ExportedHandler<Env>;
