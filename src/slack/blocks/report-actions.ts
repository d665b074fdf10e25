import type { Report } from '../../report/types';
import { ACTION } from '../action-ids';
import { encodeButtonValue } from '../button-value';
import { button } from './button';
import type { Block } from './limits';

export const REPORT_ACTIONS_BLOCK_ID = 'starttls_report_actions';

/** Re-run, Show remediation and Details: each carries the request (host and ports), not the report. */
export function reportActions(report: Report): Block {
  const implicitTls = report.ports.length > 0 && report.ports.every((p) => p.mode === 'implicit-tls');
  const value = encodeButtonValue({
    host: report.host,
    ports: report.ports.map((p) => p.port),
    implicitTls,
    ...(report.servername ? { servername: report.servername } : {}),
  });
  return {
    type: 'actions',
    block_id: REPORT_ACTIONS_BLOCK_ID,
    elements: [
      button('🔁 Re-run', ACTION.rerun, value, 'primary'),
      button('🛠 Show remediation', ACTION.remediation, value),
      button('📜 Details', ACTION.details, value),
    ],
  };
}
