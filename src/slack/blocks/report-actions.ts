import type { Report } from '../../report/types';
import { ACTION } from '../action-ids';
import { encodeButtonValue } from '../button-value';
import type { Block } from './limits';

export const REPORT_ACTIONS_BLOCK_ID = 'starttls_report_actions';

/** Re-run, Show remediation and Details: each carries the request (host and ports), not the report. */
export function reportActions(report: Report): Block {
  const value = encodeButtonValue({ host: report.host, ports: report.ports.map((p) => p.port) });
  const button = (text: string, actionId: string, style?: 'primary') => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: REPORT_ACTIONS_BLOCK_ID,
    elements: [
      button('🔁 Re-run', ACTION.rerun, 'primary'),
      button('🛠 Show remediation', ACTION.remediation),
      button('📜 Details', ACTION.details),
    ],
  };
}
