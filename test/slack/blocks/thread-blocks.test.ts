import { detailsMessages } from '../../../src/slack/blocks/details-blocks';
import { errorMessage, helpMessage } from '../../../src/slack/blocks/help-blocks';
import { homeView } from '../../../src/slack/blocks/home-blocks';
import { progressMessage } from '../../../src/slack/blocks/progress-blocks';
import { remediationMessages } from '../../../src/slack/blocks/remediation-blocks';
import { rerunMessage } from '../../../src/slack/blocks/rerun-blocks';
import { diffReports } from '../../../src/report/diff-reports';
import { blockKitViolations, unsafeMarkup } from '../../helpers/block-kit-limits';
import { foundingCase, foundingCaseFixed, hostileCase, hugeCase } from '../../fixtures/reports';

const json = (v: unknown) => JSON.stringify(v);
const texts = (m: { blocks: unknown[] }) => m.blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? json(b)).join('\n');
const reports = [foundingCase(), hostileCase(), hugeCase()];

describe('progress message', () => {
  it('shows each port as it finishes', () => {
    const r = foundingCase();
    const m = progressMessage({ host: r.host, ports: [25, 587], done: [r.ports[0]], requestedBy: 'U01ASKER1', trigger: 'command' });
    expect(texts(m)).toContain('Probing `mail.contoso.com` on ports 25, 587 for <@U01ASKER1>… (1/2 ports done)');
    expect(json(m.blocks)).toContain('25: ❌ no STARTTLS (320 ms)');
    expect(json(m.blocks)).toContain('⏳ 587: probing…');
    expect(blockKitViolations(m)).toEqual([]);
  });

  it('names the --servername the check sends, beside the address it probes', () => {
    const m = progressMessage({ host: '192.0.2.25', servername: 'mail.contoso.com', ports: [25], done: [], requestedBy: 'U01ASKER1', trigger: 'command' });
    expect(m.text).toBe('Probing 192.0.2.25 as mail.contoso.com… (0/1 ports done)');
    expect(texts(m)).toContain('Probing `192.0.2.25` as `mail.contoso.com` on ports 25 for <@U01ASKER1>… (0/1 ports done)');
    const rerun = progressMessage({ host: '192.0.2.25', servername: 'mail.contoso.com', ports: [25], done: [], requestedBy: 'U01ASKER1', trigger: 'rerun' });
    expect(texts(rerun)).toContain('Re-running the check of `192.0.2.25` as `mail.contoso.com` on ports 25');
  });
});

describe('remediation messages', () => {
  it('name who asked and give the detected platform\'s steps with the observed values in the commands', () => {
    const [m, ...more] = remediationMessages(foundingCase(), 'U07REMED1');
    expect(more).toEqual([]);
    const text = texts(m);
    expect(text).toContain('requested by <@U07REMED1>');
    expect(text).toContain('Exchange Server (on-premises)');
    expect(text).toContain('1. Bind the SMTP certificate');
    expect(text).toContain("-TlsCertificateName '&lt;I&gt;CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US&lt;S&gt;CN=*.contoso.com, O=Contoso Ltd'");
    expect(text).not.toContain('postconf'); // Postfix steps are for another platform
  });

  it('say there is nothing to fix when no finding has a remedy', () => {
    expect(texts(remediationMessages({ ...foundingCase(), findings: [] }, 'U07REMED1')[0])).toContain('Nothing to fix');
  });
});

describe('details messages', () => {
  it('hold every port\'s transcript in code blocks', () => {
    const text = detailsMessages(foundingCase(), 'U09DETAIL').map(texts).join('\n');
    expect(text).toContain('requested by <@U09DETAIL>');
    expect(text).toMatch(/\*Port 25\*[^]*```\n[^`]*\n\s+40ms S: 220 SRVEX01/);
    expect(text).toContain('*Port 587*');
  });

  it('split a long transcript over several messages', () => {
    expect(detailsMessages(hugeCase(), 'U09DETAIL').length).toBeGreaterThan(1);
  });
});

describe('re-run message', () => {
  it('says what changed since the previous run, then shows the new report', () => {
    const m = rerunMessage(foundingCaseFixed(), diffReports(foundingCase(), foundingCaseFixed()), 'U05RERUN1');
    const text = texts(m);
    expect(text).toContain('Re-run by <@U05RERUN1>');
    expect(text).toContain('STARTTLS now advertised on 25');
    expect(text).toContain('verdict CRITICAL → WARNING');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('says when there is nothing to compare with', () => {
    expect(texts(rerunMessage(foundingCase(), undefined, 'U05RERUN1'))).toContain('previous result is no longer available');
  });
});

describe('help and errors', () => {
  it('show the usage line and the reason', () => {
    expect(texts(errorMessage('not a port number (1-65535): "99999"'))).toContain('not a port number');
    expect(json(errorMessage('x').blocks)).toContain('/starttls &lt;host&gt; [port ...]');
    expect(texts(helpMessage({ allowedPorts: [25, 587], rateLimit: { checks: 5, perSeconds: 60 } }))).toContain('Allowed ports: 25, 587');
  });

  it('escapes the reason, which may quote user input', () => {
    expect(unsafeMarkup(errorMessage('bad host "<!channel>"'))).toEqual([]);
  });
});

describe('every thread message stays within Block Kit limits and escapes server text', () => {
  it.each(reports.map((r) => [r.host, r] as const))('%s', (_host, report) => {
    const messages = [
      ...remediationMessages(report, 'U01ASKER1'),
      ...detailsMessages(report, 'U01ASKER1'),
      rerunMessage(report, diffReports(foundingCase(), report), 'U01ASKER1'),
      progressMessage({ host: report.host, servername: report.host, ports: report.ports.map((p) => p.port), done: report.ports, requestedBy: 'U01ASKER1', trigger: 'rerun' }),
    ];
    for (const m of messages) {
      expect(blockKitViolations(m)).toEqual([]);
      expect(unsafeMarkup(m)).toEqual([]);
    }
  });

  it('the Home view fits a view', () => {
    const view = homeView({ allowedPorts: [25], rateLimit: { checks: 1, perSeconds: 1 } });
    expect(blockKitViolations(view, 'view')).toEqual([]);
  });
});
