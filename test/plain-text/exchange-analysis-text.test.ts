import { analyzeExchangeText } from '../../src/exchange-config/analyze';
import { renderAnalysisText } from '../../src/plain-text/exchange-analysis-text';
import { fixture, fl, frontend, NOW } from '../exchange-config/helpers/format-list';

describe('renderAnalysisText', () => {
  it('prints the summary, each finding with evidence, steps and commands, the notes and what to run next', () => {
    const text = renderAnalysisText(analyzeExchangeText(fixture('receive-connectors-srvex01.txt'), undefined, { now: NOW }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('WARNING  Read 6 receive connectors: 2 warning.');
    expect(text).toContain('WARNING  receive-connector-no-tls  [port 25]  Receive connector "SRVEX01\\Relay SRVEX01" offers no STARTTLS: Tls is missing from its AuthMechanism');
    expect(text).toContain("      [EMS] PS> Set-ReceiveConnector 'SRVEX01\\Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative\n      PS> Restart-Service MSExchangeFrontEndTransport");
    expect(text).toContain('Notes on the paste:\n  - RemoteIPRanges of "SRVEX01\\Relay SRVEX01" is cut after 4 ranges');
    expect(text).toContain('To check more, run these read-only commands and add their output:\n  [EMS] PS> $FormatEnumerationLimit = -1\n');
    expect(text).toContain('  [EMS] PS> Get-ExchangeCertificate | fl Thumbprint,');
    expect(text).not.toMatch(/^\s*> /m);
  });

  it('escapes control characters that came with the paste', () => {
    const text = renderAnalysisText(analyzeExchangeText(fl(frontend({ AuthMechanism: 'Integrated', Identity: 'SRVEX01\\Front\u001b[31mend' })), undefined, { now: NOW }));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('\\x1b');
  });
});
