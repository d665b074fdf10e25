import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { startSlackStandIn, type SlackStandIn } from './slack-api-stand-in';

/** An app-level token for the bots under test; tests check apps.connections.open was called with it. */
export const TEST_APP_TOKEN = 'xapp-1-A0STARTTLS-1234-socketmodetestvalue';

export interface SocketConnection {
  id: number;
  socket: WebSocket;
  open: boolean;
}

/** What a bot sent back over its WebSocket for an envelope. */
export interface Ack {
  connection: number;
  envelopeId: string;
  payload: unknown;
}

export interface SocketModeStandIn {
  /** The Web API stand-in, with apps.connections.open answering this WebSocket's URL. */
  slack: SlackStandIn;
  connections: SocketConnection[];
  acks: Ack[];
  /** Sends an envelope over one open connection (round robin unless told which); returns its envelope_id. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, connection?: number): string;
  /** Slack's "refresh your connection" message. */
  disconnect(connection: number): void;
  /** While held, new connections get no hello: the client sits connected but not ready. */
  holdHello(hold: boolean): void;
  open(): SocketConnection[];
  acksOf(envelopeId: string): Ack[];
  close(): Promise<void>;
}

/**
 * Slack's Socket Mode on loopback: apps.connections.open hands out a ws:// URL,
 * the WebSocket says hello, delivers envelopes, and records the bot's acks.
 */
export async function startSocketModeStandIn(): Promise<SocketModeStandIn> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/`;
  const slack = await startSlackStandIn({
    answers: { 'apps.connections.open': () => ({ ok: true, url: `${wsUrl}?ticket=${randomUUID()}` }) },
  });
  const connections: SocketConnection[] = [];
  const acks: Ack[] = [];
  const held: SocketConnection[] = [];
  let holding = false;
  let next = 0;
  const hello = (c: SocketConnection) =>
    c.socket.send(JSON.stringify({ type: 'hello', num_connections: connections.filter((x) => x.open).length, debug_info: { host: 'applink-stand-in', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0STARTTLS' } }));

  wss.on('connection', (socket) => {
    const connection: SocketConnection = { id: connections.length + 1, socket, open: true };
    connections.push(connection);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id) acks.push({ connection: connection.id, envelopeId: message.envelope_id, payload: message.payload ?? {} });
    });
    socket.on('close', () => {
      connection.open = false;
    });
    if (holding) held.push(connection);
    else hello(connection);
  });

  const open = () => connections.filter((c) => c.open);
  return {
    slack,
    connections,
    acks,
    open,
    send(type, payload, connectionId) {
      const candidates = open();
      if (candidates.length === 0) throw new Error('no open Socket Mode connection');
      const target = connectionId === undefined ? candidates[next++ % candidates.length] : connections.find((c) => c.id === connectionId);
      if (!target?.open) throw new Error(`connection ${connectionId} is not open`);
      const envelopeId = randomUUID();
      target.socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands' }));
      return envelopeId;
    },
    disconnect(connectionId) {
      connections.find((c) => c.id === connectionId)?.socket.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-stand-in' } }));
    },
    holdHello(hold) {
      holding = hold;
      if (!hold) for (const c of held.splice(0)) if (c.open) hello(c);
    },
    acksOf: (envelopeId) => acks.filter((a) => a.envelopeId === envelopeId),
    async close() {
      for (const c of connections) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await slack.close();
    },
  };
}
