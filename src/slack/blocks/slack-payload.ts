import type { Report } from '../../report/types';
import { reportMessage } from './report-blocks';

/** The chat.postMessage payload for a report as JSON text, ready for Slack's Block Kit Builder (`starttls probe --blocks`). */
export function slackPayload(report: Report): string {
  const { text, blocks } = reportMessage(report, { trigger: 'cli', actions: true });
  return `${JSON.stringify({ text, blocks }, null, 2)}\n`;
}
