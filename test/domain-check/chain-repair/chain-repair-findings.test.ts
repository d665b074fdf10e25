import { chainRepairFindings } from '../../../src/domain-check/chain-repair/chain-repair-findings';
import { lines } from '../../helpers/commands';
import { intermediateFileName, intermediateInstallSteps } from '../../../src/domain-check/chain-repair/install-steps';
import type { ChainRepair, NamedIntermediate } from '../../../src/domain-check/types';

const INTERMEDIATE: NamedIntermediate = {
  subject: 'CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US',
  issuer: 'CN=Starttls Test Root CA, O=Starttls Test PKI, C=US',
  sha256Fingerprint: 'AA:BB',
  sha1Thumbprint: 'AABB',
  notAfter: '2036-01-01T00:00:00.000Z',
  url: 'http://aia.example.test/int.der',
  format: 'der',
  pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
};

const repair = (host: string, over: Partial<ChainRepair> = {}): ChainRepair => ({
  host,
  port: 25,
  leafSubject: `CN=${host}`,
  leafIssuer: INTERMEDIATE.subject,
  caIssuersUrls: [INTERMEDIATE.url],
  intermediates: [INTERMEDIATE],
  ...over,
});

describe('intermediate install steps', () => {
  it('derives a safe file name from the CN', () => {
    expect(intermediateFileName(INTERMEDIATE)).toBe('Starttls-Test-Intermediate-CA');
    expect(intermediateFileName({ ...INTERMEDIATE, subject: "CN=$(rm -rf /)'; O=x" })).toBe('rm-rf-O-x');
    expect(intermediateFileName({ ...INTERMEDIATE, subject: 'O=No CN' })).toBe('intermediate');
  });

  it('Exchange: download, import into the Intermediate CA store, restart the frontend transport', () => {
    const [exchange, any] = intermediateInstallSteps(repair('mx1.example.test'), 'exchange-onprem');
    expect(exchange.platform).toBe('exchange-onprem');
    expect(lines(exchange)).toEqual([
      "Invoke-WebRequest -Uri 'http://aia.example.test/int.der' -OutFile 'C:\\temp\\Starttls-Test-Intermediate-CA.cer'",
      "Import-Certificate -FilePath 'C:\\temp\\Starttls-Test-Intermediate-CA.cer' -CertStoreLocation Cert:\\LocalMachine\\CA",
      'Restart-Service MSExchangeFrontEndTransport',
    ]);
    expect(any.platform).toBe('any');
    expect(lines(any).at(-1)).toBe('openssl s_client -connect mx1.example.test:25 -starttls smtp -servername mx1.example.test -showcerts </dev/null');
  });

  it('Postfix and Exim: convert to PEM and append after the leaf', () => {
    const [postfix] = intermediateInstallSteps(repair('mx1.example.test'), 'postfix');
    expect(lines(postfix)).toEqual([
      'postconf smtpd_tls_chain_files smtpd_tls_cert_file',
      "curl -fsS 'http://aia.example.test/int.der' | openssl x509 -inform DER -out /etc/postfix/Starttls-Test-Intermediate-CA.pem",
      'cat /etc/postfix/Starttls-Test-Intermediate-CA.pem >> <certificate file shown by postconf>',
      'postfix reload',
    ]);
    const [exim] = intermediateInstallSteps(repair('mx1.example.test', { intermediates: [{ ...INTERMEDIATE, format: 'pem' }] }), 'exim');
    expect(lines(exim)[1]).toBe("curl -fsS 'http://aia.example.test/int.der' | openssl x509 -out /etc/exim4/Starttls-Test-Intermediate-CA.pem");
    expect(lines(exim).at(-1)).toBe('systemctl restart exim4');
  });

  it('quotes a hostile URL as a literal in both shells', () => {
    const hostile = repair('mx1.example.test', { intermediates: [{ ...INTERMEDIATE, url: "http://a.test/x';id;'" }] });
    const [any, exchange, postfix] = intermediateInstallSteps(hostile, 'unknown');
    expect([any.platform, exchange.guess, postfix.guess]).toEqual(['any', true, true]);
    expect(lines(exchange)[0]).toBe("Invoke-WebRequest -Uri 'http://a.test/x'';id;''' -OutFile 'C:\\temp\\Starttls-Test-Intermediate-CA.cer'");
    expect(lines(postfix)[1]).toBe("curl -fsS 'http://a.test/x'\\'';id;'\\''' | openssl x509 -inform DER -out /etc/postfix/Starttls-Test-Intermediate-CA.pem");
  });
});

describe('chainRepairFindings', () => {
  it('one chain-incomplete-intermediate per distinct fix, naming the intermediate', () => {
    const findings = chainRepairFindings([
      { repair: repair('mx1.example.test'), platform: 'postfix' },
      { repair: repair('mx2.example.test'), platform: 'postfix' },
      { repair: repair('mx3.example.test'), platform: 'exchange-onprem' },
    ]);
    expect(findings.map((f) => [f.id, f.severity, f.hosts])).toEqual([
      ['chain-incomplete-intermediate', 'warning', ['mx1.example.test', 'mx2.example.test']],
      ['chain-incomplete-intermediate', 'warning', ['mx3.example.test']],
    ]);
    expect(findings[0].title).toBe('mx1.example.test, mx2.example.test do not send the intermediate certificate CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US');
    expect(findings[0].evidence[1]).toBe(
      'missing: CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US (issuer CN=Starttls Test Root CA, O=Starttls Test PKI, C=US; SHA-256 AA:BB; SHA-1 AABB; valid until 2036-01-01T00:00:00.000Z), published at http://aia.example.test/int.der',
    );
    expect(findings[1].remediation[0].platform).toBe('exchange-onprem');
  });

  it('without a named intermediate it still reports, pointing at the issuer name', () => {
    const [f] = chainRepairFindings([{ repair: repair('mx1.example.test', { intermediates: [], caIssuersUrls: [], problem: { code: 'AIA_NO_URL', message: 'no url' } }), platform: 'postfix' }]);
    expect(f.title).toBe('mx1.example.test does not send the intermediate that issued its certificate');
    expect(f.evidence).toEqual(['leaf: CN=mx1.example.test, issued by CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US', 'AIA_NO_URL: no url']);
  });

  it('no finding for a leaf issued by an untrusted root directly', () => {
    expect(chainRepairFindings([{ repair: repair('mx1.example.test', { intermediates: [], problem: { code: 'AIA_ISSUER_IS_ROOT', message: 'root' } }), platform: 'postfix' }])).toEqual([]);
  });
});
