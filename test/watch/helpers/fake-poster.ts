import type { SlackMessage } from '../../../src/slack/blocks/message';
import { classifyPostFailure, type SlackPoster } from '../../../src/slack/slack-poster';

export interface PosterCall {
  method: 'post' | 'update';
  channel: string;
  text: string;
  threadTs?: string;
  ts?: string;
}

/** Records calls; each scripted failure is thrown by the next call, in order. */
export class FakePoster implements SlackPoster {
  readonly calls: PosterCall[] = [];
  private readonly failures: unknown[] = [];
  private seq = 0;

  failNext(...errors: unknown[]): void {
    this.failures.push(...errors);
  }

  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<string> {
    this.take();
    const ts = `1700000000.${String(++this.seq).padStart(6, '0')}`;
    this.calls.push({ method: 'post', channel, text: message.text, ...(threadTs ? { threadTs } : {}), ts });
    return ts;
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    this.take();
    this.calls.push({ method: 'update', channel, text: message.text, ts });
  }

  classify(err: unknown) {
    return classifyPostFailure(err);
  }

  private take(): void {
    if (this.failures.length > 0) throw this.failures.shift();
  }
}

/** What WebClient throws, by its documented codes. */
export const slackErrors = {
  rateLimited: (retryAfter: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter }),
  http: (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { code: 'slack_webapi_http_error', statusCode }),
  platform: (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } }),
  network: () => Object.assign(new Error('socket hang up'), { code: 'slack_webapi_request_error' }),
};
