import { portAnsweredByConnector, portAnsweredByUnlistedConnector, starttlsMissingOnTlsConnector } from '../../../src/exchange-config/joined/port-connectors';
import { lines } from '../../helpers/commands';
import { parseExchangePaste } from '../../../src/exchange-config/parse-paste';
import {
  certificate,
  ctx,
  DEFAULT_FRONTEND_EHLO,
  fixture,
  frontend,
  OLD_ISSUER,
  parse,
  portReport,
  relay,
  report,
  THREAD_PORT_25,
  WILDCARD_SUBJECT,
} from '../helpers/format-list';

describe('port-answered-by-connector', () => {
  it('names the relay connector from SIZE 62423040 and notes it has no Tls', () => {
    const [f] = portAnsweredByConnector(ctx(parse(frontend(), relay()), report([portReport(25, THREAD_PORT_25)])));
    expect(f).toMatchObject({
      id: 'port-answered-by-connector',
      severity: 'info',
      ports: [25],
      title: 'Port 25 was answered by receive connector "SRVEX01\\Relay SRVEX01"',
      objects: ['SRVEX01\\Relay SRVEX01'],
    });
    expect(f.evidence).toEqual([
      'Port 25 advertised SIZE 62423040 (59.53 MB).',
      'That is the MaxMessageSize of "SRVEX01\\Relay SRVEX01", the only connector bound to port 25 with it.',
      "It answered without STARTTLS; the connector's AuthMechanism lacks Tls, consistent with it.",
    ]);
  });

  it('says when SIZE cannot tell two connectors apart', () => {
    const [f] = portAnsweredByConnector(ctx(parse(frontend(), relay({ MaxMessageSize: '36 MB (37,748,736 bytes)' })), report([portReport(25, DEFAULT_FRONTEND_EHLO)])));
    expect(f.evidence[1]).toBe('That is the MaxMessageSize of "SRVEX01\\Default Frontend SRVEX01", "SRVEX01\\Relay SRVEX01": SIZE does not tell them apart.');
  });
});

describe('port-answered-by-unlisted-connector', () => {
  it('info: no pasted connector binds the port (the thread: 25 and 587 are different connectors)', () => {
    const config = parseExchangePaste(fixture('thread-receive-connector-extract.txt'));
    const [f] = portAnsweredByUnlistedConnector(ctx(config, report([portReport(587, ['SIZE 20971520', 'STARTTLS', 'AUTH NTLM'])])));
    expect(f).toMatchObject({ id: 'port-answered-by-unlisted-connector', severity: 'info', ports: [587] });
    expect(f.evidence).toEqual([
      'Port 587 answered EHLO (SIZE 20971520 (20 MB)), but no pasted receive connector binds port 587.',
      'The pasted connectors bind port 25 only: port 587 is answered by a different connector.',
    ]);
  });

  it('warning: SIZE matches none of the connectors bound to the port', () => {
    const [f] = portAnsweredByUnlistedConnector(ctx(parse(frontend()), report([portReport(25, THREAD_PORT_25)])));
    expect(f).toMatchObject({ severity: 'warning', title: 'Port 25 was answered by none of the pasted connectors bound to it' });
    expect(f.evidence).toEqual([
      'Port 25 advertised SIZE 62423040 (59.53 MB); the connectors bound to port 25 have other sizes:',
      '"SRVEX01\\Default Frontend SRVEX01": MaxMessageSize 36 MB (37,748,736 bytes)',
    ]);
    expect(lines(f.remediation[0])[0]).toMatch(/^Get-ReceiveConnector \| fl /);
  });
});

describe('starttls-missing-on-tls-connector', () => {
  it('names both causes, and the answer (no AUTH, other SIZE) points to another connector', () => {
    const config = parse(frontend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}` }));
    const [f] = starttlsMissingOnTlsConnector(ctx(config, report([portReport(25, THREAD_PORT_25)])));
    expect(f).toMatchObject({ id: 'starttls-missing-on-tls-connector', severity: 'critical', ports: [25] });
    expect(f.title).toBe('Port 25 offers no STARTTLS although receive connector "SRVEX01\\Default Frontend SRVEX01" bound to it has Tls');
    expect(f.evidence).toContain('SIZE 62423040 (59.53 MB) differs from the MaxMessageSize of "SRVEX01\\Default Frontend SRVEX01" (36 MB (37,748,736 bytes)).');
    expect(f.evidence).toContain('The answer has no AUTH, yet "SRVEX01\\Default Frontend SRVEX01" allows Integrated (AUTH NTLM is offered before TLS).');
    expect(f.remediation[0].steps[0]).toMatch(/^Another connector: /);
    expect(f.remediation[0].steps[1]).toMatch(/^Certificate: .*KB 2989382/);
    expect(f.remediation[0].steps[2]).toBe('The answer points to another connector (see the evidence).');
  });

  it('puts the certificate first when the pasted certificates confirm it', () => {
    const config = parse(frontend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}`, MaxMessageSize: '59.53 MB (62,423,040 bytes)', AuthMechanism: 'Tls' }), certificate());
    const [f] = starttlsMissingOnTlsConnector(ctx(config, report([portReport(25, THREAD_PORT_25)])));
    expect(f.remediation[0].steps[0]).toMatch(/^Certificate: /);
    expect(f.remediation[0].steps[2]).toBe('The pasted configuration confirms the certificate cause; fix it first, then probe again.');
    expect(f.evidence).toContain(
      '"SRVEX01\\Default Frontend SRVEX01": no pasted certificate has the Issuer and Subject its TlsCertificateName names: no STARTTLS (event 12014).',
    );
  });

  it('stays quiet when the connector that answered has no Tls (receive-connector-no-tls says it) or STARTTLS was offered', () => {
    expect(starttlsMissingOnTlsConnector(ctx(parse(frontend(), relay()), report([portReport(25, THREAD_PORT_25)])))).toEqual([]);
    expect(starttlsMissingOnTlsConnector(ctx(parse(frontend()), report([portReport(25, DEFAULT_FRONTEND_EHLO)])))).toEqual([]);
  });
});
