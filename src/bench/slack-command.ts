import { createHmac } from 'node:crypto';

/** The bench's own throwaway signing secret (loopback only). */
export const ACK_SIGNING_SECRET = 'b3nchb3nchb3nchb3nch0000';

/** A /starttls slash command as Slack sends it: form body and v0 signature headers. */
export function signedSlashCommand(text: string, responseUrl: string, n: number): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    team_id: 'T0BENCH01',
    channel_id: 'C0BENCH01',
    user_id: 'U0BENCH01',
    command: '/starttls',
    text,
    api_app_id: 'A0BENCH01',
    response_url: `${responseUrl}-${n}`,
    trigger_id: `bench-trigger-${n}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', ACK_SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
  };
}
