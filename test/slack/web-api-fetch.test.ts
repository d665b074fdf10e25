import { createServer, type Server, type Socket } from 'node:net';
import { createLogger } from '../../src/slack/logger';
import { slackFetch, SlackRequestError, type WebApiCall } from '../../src/slack/web-api-fetch';
import { closedLoopbackPort } from '../helpers/closed-port';

const sockets = new Set<Socket>();

async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** One call through slackFetch; what it threw, what it counted and what it warned. */
async function attempt(url: string, signal?: AbortSignal) {
  const calls: WebApiCall[] = [];
  const lines: string[] = [];
  const fetch = slackFetch({ logger: createLogger({ level: 'debug', secrets: [], write: (l) => lines.push(l) }), observe: (c) => calls.push(c) });
  const error = await fetch(url, { method: 'POST', body: 'token=x', ...(signal ? { signal } : {}) }).then(() => undefined, (e: unknown) => e);
  return { error: error as SlackRequestError, calls, warnings: lines.map((l) => JSON.parse(l).msg) };
}

describe('slackFetch names why a request got no answer', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  it('connection refused', async () => {
    const port = await closedLoopbackPort();
    const { error, calls, warnings } = await attempt(`http://127.0.0.1:${port}/api/chat.postMessage`);
    expect(error).toBeInstanceOf(SlackRequestError);
    expect(error.message).toBe(`connection refused (ECONNREFUSED 127.0.0.1:${port})`);
    expect(calls).toEqual([{ method: 'chat.postMessage', outcome: 'connection_refused' }]);
    expect(warnings).toEqual([`Slack Web API chat.postMessage failed: connection refused (ECONNREFUSED 127.0.0.1:${port})`]);
  });

  it('connection reset', async () => {
    const { server, port } = await listen((socket) => socket.once('data', () => socket.resetAndDestroy()));
    servers.push(server);
    const { error, calls } = await attempt(`http://127.0.0.1:${port}/api/chat.update`);
    expect(error.message).toMatch(/^connection (reset \(ECONNRESET\)|closed by the other side \(UND_ERR_SOCKET\))$/);
    expect(calls).toEqual([{ method: 'chat.update', outcome: 'connection_reset' }]);
  });

  it('timed out (a server that accepts and never answers)', async () => {
    const { server, port } = await listen(() => undefined);
    servers.push(server);
    const { error, calls } = await attempt(`http://127.0.0.1:${port}/api/auth.test`, AbortSignal.timeout(100));
    expect(error.message).toBe('timed out');
    expect(calls).toEqual([{ method: 'auth.test', outcome: 'timeout' }]);
  });
});
