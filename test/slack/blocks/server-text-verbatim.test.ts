import { checkRequest } from '../../../src/check/check-request';
import { checkTarget } from '../../../src/check/check-target';
import { analyzeExchangeText } from '../../../src/exchange-config/analyze';
import type { Report } from '../../../src/report/types';
import { detailsMessages } from '../../../src/slack/blocks/details-blocks';
import { exchangeAnalysisMessages } from '../../../src/slack/blocks/exchange-analysis-blocks';
import type { SlackMessage } from '../../../src/slack/blocks/message';
import { remediationMessages } from '../../../src/slack/blocks/remediation-blocks';
import { reportMessage } from '../../../src/slack/blocks/report-blocks';
import { alertMessage } from '../../../src/slack/blocks/watch-alert-blocks';
import { homeView } from '../../../src/slack/blocks/home-blocks';
import type { Incident } from '../../../src/watch/watch-model';
import { reportProblems } from '../../../src/watch/problems';
import { unsafeMarkup } from '../../helpers/block-kit-limits';
import { codeParts, messageTexts, outsideCode } from '../../helpers/mrkdwn-code';
import { createTestPki } from '../../helpers/pki';
import { startStartTlsServer, type StartTlsServer } from '../../helpers/starttls-server';
import { fl, frontend } from '../../exchange-config/helpers/format-list';

const ORG = '*bold* <!channel> _it_ ~gone~';
const BANNER = 'mx.example.test ESMTP `whoami` *ready* <!here>';

/** Where a message lets Slack format text: nothing the server sent may be there. */
function formattingLeaks(message: SlackMessage): string[] {
  return messageTexts(message)
    .map(outsideCode)
    .filter((t) => /\*bold\*|_it_|~gone~|\*ready\*|`whoami`/.test(t));
}

describe('server-controlled text is shown verbatim in Slack', () => {
  let server: StartTlsServer;
  let report: Report;

  beforeAll(async () => {
    const pki = createTestPki();
    const leaf = pki.issueLeaf({
      host: 'mx.example.test',
      selfSigned: true,
      subject: [
        { shortName: 'C', value: 'US' },
        { shortName: 'O', value: ORG },
        { shortName: 'CN', value: 'mx.example.test' },
      ],
      dnsNames: ['mx.example.test'],
    });
    server = await startStartTlsServer({ tls: { key: leaf.keyPem, cert: leaf.certPem }, banner: BANNER });
    report = await checkTarget(checkRequest('mx.example.test', [server.port], { address: '127.0.0.1', timeoutMs: 10_000 }));
  });

  afterAll(() => server.close());

  it('the probe saw the hostile certificate and banner (the premise of the test)', () => {
    expect(report.ports[0].banner).toEqual([BANNER]);
    expect(report.ports[0].certificate?.subject).toContain(`O="${ORG}"`);
    expect(report.findings.some((f) => f.evidence.some((e) => e.includes(ORG)))).toBe(true);
  });

  it('the report shows the organisation and the banner literally in code, and formats none of it', () => {
    const message = reportMessage(report, { requestedBy: 'U123', trigger: 'command', actions: true });
    const code = messageTexts(message).flatMap(codeParts);
    expect(code.some((c) => c.includes('O="*bold* &lt;!channel&gt; _it_ ~gone~"'))).toBe(true);
    expect(code).toContain(`Banner: ${BANNER}`.slice(8).replace(/`/g, 'ˋ').replace('<!here>', '&lt;!here&gt;'));
    expect(formattingLeaks(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('finding evidence that quotes the certificate is code, in the report and in a watch alert', () => {
    const message = reportMessage(report, { requestedBy: 'U123', trigger: 'command', actions: false });
    const evidence = messageTexts(message).flatMap((t) => t.split('\n')).filter((l) => l.startsWith('• ') && l.includes('&lt;!channel&gt;'));
    expect(evidence.length).toBeGreaterThan(0);
    for (const line of evidence) expect(line).toMatch(/^• `[^`]*`$/);

    const incident: Incident = {
      id: 1, watchId: 1, host: report.host, servername: null, channel: 'C0OPS', status: 'open', problems: reportProblems(report), changes: [`banner: ${BANNER}`],
      openedAt: 0, updatedAt: 0, acknowledgedBy: null, acknowledgedAt: null, resolvedAt: null, resolution: null, lastResultId: 1, announced: true, parentTs: null,
    };
    const alert = alertMessage(incident, 60_000);
    expect(formattingLeaks(alert)).toEqual([]);
    expect(unsafeMarkup(alert)).toEqual([]);
    expect(messageTexts(alert).flatMap(codeParts).some((c) => c.includes('O="*bold* &lt;!channel&gt;'))).toBe(true);
  });

  it('details, remediation, App Home and the Exchange analysis joined with the report leak nothing either', () => {
    const messages: SlackMessage[] = [
      ...detailsMessages(report, 'U123'),
      ...remediationMessages(report, 'U123'),
      ...exchangeAnalysisMessages(analyzeExchangeText(fl(frontend({ Bindings: `{0.0.0.0:${report.ports[0].port}}` })), report), 'U123'),
    ];
    for (const m of messages) {
      expect(formattingLeaks(m)).toEqual([]);
      expect(unsafeMarkup(m)).toEqual([]);
    }
    const details = messageTexts(detailsMessages(report, 'U123')[0]).join('\n');
    expect(details).toContain('S: 220 mx.example.test ESMTP ˋwhoamiˋ *ready* &lt;!here&gt;');
    const home = homeView({ allowedPorts: [25], rateLimit: { checks: 5, perSeconds: 60 } }, []);
    expect(JSON.stringify(home)).not.toContain('<!');
  });
});
