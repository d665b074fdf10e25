/** Where outbox messages go: Slack in production (src/slack/slack-poster.ts), a recorder in tests. */
export interface MessagePoster<M> {
  /** Posts at the top level, or in the thread of `threadTs`; resolves with the new message's ts. */
  post(channel: string, message: M, threadTs?: string): Promise<string>;
  /** Replaces a message posted earlier. */
  update(channel: string, ts: string, message: M): Promise<void>;
  /** What a failed post or update means for the next attempt. */
  classify(err: unknown): SendFailure;
}

export type SendFailure =
  /** Wait as long as the service said (Retry-After), then try again; everything waits. */
  | { kind: 'rate-limited'; retryAfterMs: number; detail: string }
  /** 5xx, network, timeouts: try again with backoff. */
  | { kind: 'transient'; detail: string }
  /** Refused for good (no such channel, invalid message): retrying cannot help. */
  | { kind: 'permanent'; detail: string };
