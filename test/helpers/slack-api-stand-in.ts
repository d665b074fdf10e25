import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';

/** One Web API call as Slack would have received it. */
export interface ApiCall {
  method: string;
  body: Record<string, any>;
  authorization?: string;
  at: number;
  /** What the stand-in answered (for chat.postMessage: the new message's ts). */
  answer: Answer;
}

/** A post to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, any>;
  at: number;
}

export interface Answer {
  /** Answer only after this long (a slow Slack). */
  delayMs?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface SlackStandIn {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponsePost[];
  responseUrl(id: string): string;
  /** Serves `content` as an uploaded file (Slack's url_private_download); returns its URL. */
  serveFile(name: string, content: Buffer): string;
  /** Each file download: the file's name and the Authorization header sent. */
  downloads: { name: string; authorization?: string }[];
  /** Queue answers for the next calls of `method`; after them, the default answer. */
  script(method: string, ...answers: Answer[]): void;
  callsOf(method: string): ApiCall[];
  /** The ts Slack gave the message a chat.postMessage call created. */
  tsOf(call: ApiCall): string;
  waitFor<T>(what: string, find: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Like Slack, files are served only to the bot token (the one test/helpers/slack-bot.ts configures). */
const EXPECTED_TOKEN = 'xoxb-1111-2222-testtokensecretvalue';

/**
 * A small stand-in for Slack's Web API on loopback: records every call (method,
 * parsed body) and answers like Slack does, or as the test scripted.
 */
export interface StandInOptions {
  port?: number;
  /** Default answers for methods beyond the built-in ones (e.g. apps.connections.open), as the body to send. */
  answers?: Record<string, (body: Record<string, any>) => unknown>;
}

export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const scripts = new Map<string, Answer[]>();
  const files = new Map<string, Buffer>();
  const downloads: { name: string; authorization?: string }[] = [];
  let seq = 100;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      if (url.startsWith('/files/')) {
        const name = decodeURIComponent(url.slice('/files/'.length));
        downloads.push({ name, authorization: req.headers.authorization });
        const file = files.get(name);
        if (!file || req.headers.authorization !== `Bearer ${EXPECTED_TOKEN}`) res.writeHead(302, { location: 'https://slack.com/signin' }).end();
        else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
        return;
      }
      if (url.startsWith('/response/')) {
        responses.push({ id: decodeURIComponent(url.slice('/response/'.length)), body: JSON.parse(raw || '{}'), at: Date.now() });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.replace(/^\/api\//, '').split('?')[0];
      const body = parseBody(raw, req.headers['content-type'] ?? '');
      const fallback = options.answers?.[method];
      const answer = scripts.get(method)?.shift() ?? { body: fallback ? fallback(body) : defaultAnswer(method, body, `1700000000.${String(seq++).padStart(6, '0')}`) };
      calls.push({ method, body, authorization: req.headers.authorization, at: Date.now(), answer });
      const send = () => {
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(JSON.stringify(answer.body ?? { ok: true }));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    serveFile: (name, content) => {
      files.set(name, content);
      return `${base}/files/${encodeURIComponent(name)}`;
    },
    downloads,
    script: (method, ...answers) => scripts.set(method, [...(scripts.get(method) ?? []), ...answers]),
    callsOf: (method) => calls.filter((c) => c.method === method),
    tsOf: (call) => String((call.answer.body as { ts?: string } | undefined)?.ts),
    waitFor: async (what, find, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found !== undefined && found !== false) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; calls so far: ${calls.map((c) => c.method).join(', ')}; responses: ${responses.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function parseBody(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}');
  const form = parse(raw) as Record<string, string>;
  const body: Record<string, any> = {};
  for (const [key, value] of Object.entries(form)) body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  return body;
}

function defaultAnswer(method: string, body: Record<string, any>, ts: string): unknown {
  switch (method) {
    case 'auth.test':
      return { ok: true, user_id: 'UBOTUSER1', bot_id: 'BBOT00001', team_id: 'T0TEST001' };
    case 'chat.postMessage':
      return { ok: true, channel: body.channel, ts, message: { ts, text: body.text } };
    case 'chat.update':
      return { ok: true, channel: body.channel, ts: body.ts };
    default:
      return { ok: true };
  }
}
