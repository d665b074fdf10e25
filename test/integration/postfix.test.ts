// The module object itself (not an import namespace), so jest.spyOn can replace lookup for src/probe/connect.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import dnsPromises = require('node:dns/promises');
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTarget } from '../../src/check/check-target';
import { run } from '../../src/cli/main';
import { checkRequest } from '../../src/check/check-request';
import { probePort } from '../../src/probe/probe-port';
import type { PortProbeResult } from '../../src/probe/types';
import type { Report } from '../../src/report/types';
import { createTestPki, type TestCertificate, type TestPki } from '../helpers/pki';
import { postfixUnavailableReason, startPostfix, type RunningPostfix } from '../../src/bench/postfix-instance';

/**
 * The probe engine against a real MTA: a private Postfix instance (Debian's
 * package, installed by .ci/run) with three smtpd services on 127.0.0.1:
 * - tls:    STARTTLS with a leaf for mx.postfix.test (no IP SAN, like real MX certificates) from the test PKI;
 * - plain:  no STARTTLS;
 * - broken: STARTTLS advertised, certificate files missing, so STARTTLS gets 454.
 *
 * Probes go to the name mx.postfix.test, as an operator probes an MX: probePort
 * gets the address directly, and for checkTarget the test answers the DNS
 * lookup of that one name with 127.0.0.1 (a hosts-file entry, in effect).
 *
 * Where Postfix cannot run, this file never passes quietly: under CI=true it
 * fails; elsewhere it prints a banner and its tests show up as skipped under a
 * title that says NOT RUN.
 */

const IN_CI = /^(true|1)$/i.test(process.env.CI ?? '');
const HOST = 'mx.postfix.test';
const EHLO_NAME = 'probe.example.test';
const unavailable = postfixUnavailableReason();
const skipLocally = unavailable !== undefined && !IN_CI;

if (skipLocally) {
  const line = '!'.repeat(100);
  console.warn(
    `${line}\n!!! POSTFIX INTEGRATION TEST NOT RUN: ${unavailable}.\n` +
      '!!! Nothing was tested against a real MTA. Run as root with Postfix installed (apt-get install postfix), or run .ci/run.\n' +
      `!!! Under CI=true this is a failure.\n${line}`,
  );
}

const suite = skipLocally ? describe.skip : describe;
const title = skipLocally
  ? `Postfix integration — NOT RUN (${unavailable})`
  : 'probe engine against a real Postfix on loopback';

suite(title, () => {
  let postfix: RunningPostfix | undefined;
  let pki: TestPki;
  let leaf: TestCertificate;
  const port = (name: 'tls' | 'plain' | 'broken') => {
    if (!postfix) throw new Error('Postfix did not start (see the beforeAll error)');
    return postfix.ports[name];
  };

  /** mx.postfix.test resolves to 127.0.0.1 for checkTarget; every other name goes to the real resolver. */
  function mapHostToLoopback(): jest.SpyInstance {
    const realLookup = dnsPromises.lookup;
    return jest.spyOn(dnsPromises, 'lookup').mockImplementation((async (hostname: string, options: unknown) => {
      if (hostname === HOST) return [{ address: '127.0.0.1', family: 4 }];
      return (realLookup as (h: string, o: unknown) => Promise<unknown>)(hostname, options);
    }) as typeof dnsPromises.lookup);
  }

  beforeAll(async () => {
    if (unavailable) {
      throw new Error(
        `POSTFIX INTEGRATION TEST CANNOT RUN IN CI: ${unavailable}. ` +
          '.ci/run must install postfix (apt-get) and the tests must run as root.',
      );
    }
    pki = createTestPki();
    leaf = pki.goodLeaf(HOST);
    const started = Date.now();
    postfix = await startPostfix({
      myhostname: HOST,
      certPem: leaf.chainPem,
      keyPem: leaf.keyPem,
      services: [
        { name: 'tls', tls: 'may' },
        { name: 'plain', tls: 'none' },
        { name: 'broken', tls: 'broken' },
      ],
    });
    console.info(`private Postfix instance up in ${Date.now() - started} ms: ${JSON.stringify(postfix.ports)} (${postfix.configDir})`);
  }, 90_000);

  afterAll(async () => {
    await postfix?.stop();
  }, 60_000);

  /** Postfix's log goes with any failure, so a red test explains itself. */
  async function withLog<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const log = postfix?.log().trimEnd().split('\n').slice(-30).join('\n');
      if (err instanceof Error && log) err.message += `\n--- last lines of the Postfix log ---\n${log}`;
      throw err;
    }
  }

  const sent = (r: PortProbeResult, text: string) => r.transcript.some((t) => t.dir === 'client' && t.text === text);
  const received = (r: PortProbeResult, re: RegExp) => r.transcript.some((t) => t.dir === 'server' && re.test(t.text));
  const keywords = (caps: { keyword: string }[] | undefined) => (caps ?? []).map((c) => c.keyword.toUpperCase());

  it('STARTTLS port: Postfix greets, advertises STARTTLS, negotiates TLS 1.2+ and serves the chain the CA trusts', () =>
    withLog(async () => {
      const r = await probePort(HOST, port('tls'), { address: '127.0.0.1', ehloName: EHLO_NAME, ca: [pki.rootPem] });
      console.info(
        `Postfix single probe (${HOST} = 127.0.0.1:${r.port}, full STARTTLS session): totalMs=${r.totalMs} timings=${JSON.stringify(r.timings)}`,
      );

      expect(r.error).toBeUndefined();
      expect(r.address).toBe('127.0.0.1');
      expect(r.greeting?.code).toBe(220);
      expect(r.greeting?.lines[0]).toMatch(/^mx\.postfix\.test ESMTP Postfix/);
      expect(r.ehlo?.command).toBe('EHLO');
      expect(r.ehlo?.reply.code).toBe(250);
      expect(keywords(r.ehlo?.capabilities)).toEqual(expect.arrayContaining(['PIPELINING', 'SIZE', 'STARTTLS', '8BITMIME']));

      expect(r.starttls.advertised).toBe(true);
      expect(r.starttls.attempted).toBe(true);
      expect(r.starttls.reply?.code).toBe(220);
      expect(r.starttls.succeeded).toBe(true);
      expect(r.starttls.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(r.starttls.cipher).toBeTruthy();

      // EHLO again inside TLS: Postfix no longer offers STARTTLS there.
      expect(r.ehloAfterTls?.reply.code).toBe(250);
      expect(keywords(r.ehloAfterTls?.capabilities)).toContain('PIPELINING');
      expect(keywords(r.ehloAfterTls?.capabilities)).not.toContain('STARTTLS');

      // The leaf Postfix served, then the intermediate it sent, then the root from our trust anchors.
      expect(r.peer?.authorized).toBe(true);
      expect(r.peer?.authorizationError).toBeUndefined();
      expect(r.peer?.chainDer[0]).toBe(leaf.der.toString('base64'));
      expect(r.peer?.chainDer[1]).toBe(pki.intermediate.der.toString('base64'));
      expect(r.peer?.chainDer[2]).toBe(pki.root.der.toString('base64'));

      expect(sent(r, 'STARTTLS')).toBe(true);
      expect(sent(r, 'QUIT')).toBe(true);
      expect(received(r, /^221 /)).toBe(true);
      expect(Object.keys(r.timings)).toEqual(
        expect.arrayContaining(['connect', 'greeting', 'ehlo', 'starttls', 'tls-handshake', 'ehlo-tls', 'quit']),
      );
    }));

  it('STARTTLS port without the test CA: TLS still succeeds but the chain is not trusted', () =>
    withLog(async () => {
      const r = await probePort(HOST, port('tls'), { address: '127.0.0.1', ehloName: EHLO_NAME });
      expect(r.error).toBeUndefined();
      expect(r.starttls.succeeded).toBe(true);
      expect(r.peer?.authorized).toBe(false);
      expect(r.peer?.authorizationError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
      expect(sent(r, 'QUIT')).toBe(true);
    }));

  it('plain port: Postfix greets but does not advertise STARTTLS, and the probe ends with QUIT', () =>
    withLog(async () => {
      const r = await probePort(HOST, port('plain'), { address: '127.0.0.1', ehloName: EHLO_NAME, ca: [pki.rootPem] });
      expect(r.error).toBeUndefined();
      expect(r.greeting?.code).toBe(220);
      expect(r.greeting?.lines[0]).toMatch(/^mx\.postfix\.test ESMTP Postfix/);
      expect(r.ehlo?.reply.code).toBe(250);
      expect(keywords(r.ehlo?.capabilities)).toContain('PIPELINING');
      expect(keywords(r.ehlo?.capabilities)).not.toContain('STARTTLS');
      expect(r.starttls).toEqual({ advertised: false, attempted: false, succeeded: false });
      expect(r.peer).toBeUndefined();
      expect(r.ehloAfterTls).toBeUndefined();
      expect(sent(r, 'STARTTLS')).toBe(false);
      expect(sent(r, 'QUIT')).toBe(true);
      expect(received(r, /^221 /)).toBe(true);
    }));

  it('plain port with forceStartTls: Postfix refuses the unadvertised command with 502', () =>
    withLog(async () => {
      const r = await probePort(HOST, port('plain'), { address: '127.0.0.1', ehloName: EHLO_NAME, forceStartTls: true });
      expect(r.error).toBeUndefined();
      expect(r.starttls.advertised).toBe(false);
      expect(r.starttls.attempted).toBe(true);
      expect(r.starttls.succeeded).toBe(false);
      expect(r.starttls.reply?.code).toBe(502);
      expect(sent(r, 'QUIT')).toBe(true);
    }));

  it('broken port: Postfix advertises STARTTLS but answers 454 4.7.0 (its certificate files are missing)', () =>
    withLog(async () => {
      const r = await probePort(HOST, port('broken'), { address: '127.0.0.1', ehloName: EHLO_NAME, ca: [pki.rootPem] });
      expect(r.error).toBeUndefined();
      expect(r.greeting?.lines[0]).toMatch(/ESMTP Postfix/);
      expect(r.starttls.advertised).toBe(true);
      expect(r.starttls.attempted).toBe(true);
      expect(r.starttls.succeeded).toBe(false);
      expect(r.starttls.reply?.code).toBe(454);
      expect(r.starttls.reply?.enhanced).toBe('4.7.0');
      expect(r.starttls.reply?.lines.join(' ')).toMatch(/TLS not available due to local problem/);
      expect(r.peer).toBeUndefined();
      expect(sent(r, 'QUIT')).toBe(true);
    }));

  describe('checkTarget over all three ports', () => {
    let report: Report;
    const portReport = (p: number) => report.ports.find((x) => x.port === p)!;
    const findingsOn = (p: number) => report.findings.filter((f) => f.ports.includes(p));

    beforeAll(async () => {
      if (!postfix) return;
      const lookup = mapHostToLoopback();
      try {
        report = await checkTarget(
          checkRequest(HOST, [port('tls'), port('plain'), port('broken')], {
            caPems: [pki.rootPem],
            expectNames: [HOST],
            ehloName: EHLO_NAME,
          }),
        );
      } finally {
        lookup.mockRestore();
      }
    }, 60_000);

    it('recognises Postfix', () => {
      expect(report.platform).toBe('postfix');
      expect(report.host).toBe(HOST);
      expect(report.ports.map((p) => [p.port, p.address])).toEqual([
        [port('tls'), '127.0.0.1'],
        [port('plain'), '127.0.0.1'],
        [port('broken'), '127.0.0.1'],
      ]);
      for (const p of report.ports) expect(p.banner?.[0]).toMatch(/^mx\.postfix\.test ESMTP Postfix/);
    });

    it('judges the certificate on the STARTTLS port trusted, matching and complete', () => {
      const tls = portReport(port('tls'));
      expect(tls.starttls).toMatchObject({ advertised: true, attempted: true, succeeded: true, replyCode: 220 });
      expect(tls.certificate).toBeDefined();
      expect(tls.certificate).toMatchObject({
        trusted: true,
        selfSigned: false,
        chainComplete: true,
        nameMatch: true,
        expectedNames: [{ name: HOST, matches: true }],
        keyType: 'RSA',
        keyBits: 2048,
      });
      expect(tls.certificate?.trustError).toBeUndefined();
      expect(tls.certificate?.subject).toContain(`CN=${HOST}`);
      expect(tls.certificate?.issuer).toContain('CN=Starttls Test Intermediate CA');
      expect(tls.certificate?.daysLeft).toBeGreaterThan(80);
      // Nothing about STARTTLS, TLS or the certificate is wrong on this port.
      expect(findingsOn(port('tls')).map((f) => f.id).filter((id) => /^(starttls|tls|cert)-/.test(id))).toEqual([]);
    });

    it('reports starttls-not-advertised for the plain port only', () => {
      const found = report.findings.filter((f) => f.id === 'starttls-not-advertised');
      expect(found).toHaveLength(1);
      expect(found[0].ports).toEqual([port('plain')]);
      expect(found[0].severity).toBe('critical');
      expect(found[0].remediation.some((r) => r.platform === 'postfix')).toBe(true);
    });

    it('reports starttls-rejected (454) for the broken port only', () => {
      const found = report.findings.filter((f) => f.id === 'starttls-rejected');
      expect(found).toHaveLength(1);
      expect(found[0].ports).toEqual([port('broken')]);
      expect(found[0].evidence.join('\n')).toMatch(/454/);
      expect(portReport(port('broken')).starttls).toMatchObject({ advertised: true, attempted: true, succeeded: false, replyCode: 454 });
      expect(report.verdict).toBe('critical');
    });
  });

  it('checkTarget on the STARTTLS port alone: a correctly configured Postfix gets verdict ok and no findings', () =>
    withLog(async () => {
      const lookup = mapHostToLoopback();
      let report: Report;
      try {
        report = await checkTarget(checkRequest(HOST, [port('tls')], { caPems: [pki.rootPem], ehloName: EHLO_NAME }));
      } finally {
        lookup.mockRestore();
      }
      expect(report.ports[0].certificate).toMatchObject({ trusted: true, nameMatch: true });
      expect(report.platform).toBe('postfix');
      expect(report.findings).toEqual([]);
      expect(report.verdict).toBe('ok');
    }));

  describe('probed by address, 127.0.0.1 (the leaf covers mx.postfix.test only)', () => {
    it('negotiates STARTTLS and collects the same chain, without SNI', () =>
      withLog(async () => {
        const r = await probePort('127.0.0.1', port('tls'), { ehloName: EHLO_NAME, ca: [pki.rootPem] });
        expect(r.error).toBeUndefined();
        expect(r.starttls.succeeded).toBe(true);
        expect(r.peer?.chainDer[0]).toBe(leaf.der.toString('base64'));
        expect(sent(r, 'QUIT')).toBe(true);
      }));

    it('trusts the chain the CA issued although the certificate does not name the address: trust is not identity', () =>
      withLog(async () => {
        const r = await probePort('127.0.0.1', port('tls'), { ehloName: EHLO_NAME, ca: [pki.rootPem] });
        expect(r.peer?.authorizationError).toBeUndefined();
        expect(r.peer?.authorized).toBe(true);
      }));

    const byAddress = (options: { servername?: string; expectNames?: string[] }) =>
      checkTarget(checkRequest('127.0.0.1', [port('tls')], { caPems: [pki.rootPem], ehloName: EHLO_NAME, expectNames: [], ...options }));

    it('with --servername: trusted, the name matches, no finding at all', () =>
      withLog(async () => {
        const report = await byAddress({ servername: HOST });
        expect(report.ports[0].certificate).toMatchObject({ trusted: true, identityName: HOST, nameMatch: true });
        expect(report.findings).toEqual([]);
        expect(report.verdict).toBe('ok');
      }));

    it('with --expect-name only: trusted, the expected name matches, no name verdict for the address', () =>
      withLog(async () => {
        const report = await byAddress({ expectNames: [HOST] });
        expect(report.ports[0].certificate).toMatchObject({ trusted: true, identityName: null, nameMatch: null, expectedNames: [{ name: HOST, matches: true }] });
        expect(report.findings).toEqual([]);
        expect(report.verdict).toBe('ok');
      }));

    it('with neither: no cert-name-mismatch, an info note with the names the certificate covers', () =>
      withLog(async () => {
        const report = await byAddress({});
        expect(report.findings.map((f) => [f.id, f.severity])).toEqual([['cert-name-not-checked', 'info']]);
        expect(report.findings[0].evidence[0]).toBe(`port ${port('tls')}: the certificate covers ${HOST}`);
        expect(report.verdict).toBe('ok');
      }));

    it('the CLI says so in words: chain trusted, identity covered, exit 0', () =>
      withLog(async () => {
        const dir = mkdtempSync(join(tmpdir(), 'starttls-ca-'));
        try {
          const caFile = join(dir, 'test-ca.pem');
          writeFileSync(caFile, pki.rootPem);
          const out: string[] = [];
          const code = await run(['probe', '127.0.0.1', String(port('tls')), '--ca', caFile, '--servername', HOST, '--ehlo', EHLO_NAME], {
            out: (t: string) => out.push(t),
            err: () => undefined,
          });
          const text = out.join('');
          expect(text).toMatch(new RegExp(`^127\\.0\\.0\\.1  OK  \\(0 findings; platform postfix; servername ${HOST.replace(/\./g, '\\.')}; \\d+ ms\\)`));
          expect(text).toContain('    chain: trusted');
          expect(text).toContain(`    identity: ${HOST} covered`);
          expect(text).not.toMatch(/NOT trusted|ALTNAME/);
          expect(code).toBe(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }));
  });

  it('latency for the record: five sequential probes of the STARTTLS port', () =>
    withLog(async () => {
      const totals: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await probePort(HOST, port('tls'), { address: '127.0.0.1', ehloName: EHLO_NAME, ca: [pki.rootPem] });
        expect(r.starttls.succeeded).toBe(true);
        totals.push(r.totalMs);
      }
      const sorted = [...totals].sort((a, b) => a - b);
      console.info(`Postfix probe totalMs over 5 sequential probes: ${totals.join(', ')} (median ${sorted[2]} ms)`);
    }));
});
