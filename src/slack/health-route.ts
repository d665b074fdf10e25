import type { CustomRoute } from '@slack/bolt';

/** GET /healthz for load balancers and orchestrators (HTTP mode). */
export const healthRoute: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};
