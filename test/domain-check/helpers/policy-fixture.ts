import type http from 'node:http';
import { DnsClient } from '../../../src/net/dns/dns-client';
import { resolvingAgent } from '../../../src/net/http/resolving-agent';
import { createTestPki } from '../../helpers/pki';
import { a, startDnsServer, txt, type TestDnsServer, type ZoneRecord } from '../../helpers/dns-server';
import { startWebServer, type TestWebServer } from '../../helpers/web-server';

export const POLICY_HOST = 'mta-sts.example.test';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * A loopback HTTPS server for mta-sts.example.test (certificate from the test
 * PKI) whose answer each test sets with `route`, a name server resolving the
 * policy host to 127.0.0.1, and a client agent that trusts the test root.
 */
export async function startPolicyFixture(extraRecords: ZoneRecord[] = []) {
  const pki = createTestPki();
  const leaf = pki.goodLeaf(POLICY_HOST);
  let route: Route = (_req, res) => res.end();
  const web: TestWebServer = await startWebServer((req, res) => route(req, res), { key: leaf.keyPem, cert: leaf.chainPem });
  const dns: TestDnsServer = await startDnsServer({ records: [a(POLICY_HOST), a('other.example.test'), ...extraRecords] });
  const resolver = new DnsClient({ servers: [dns.address], timeoutMs: 1000, attempts: 1 });
  const agent = resolvingAgent({ resolver, ca: [pki.rootPem], connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  return {
    pki,
    web,
    dns,
    resolver,
    agent,
    setRoute: (next: Route) => {
      route = next;
    },
    close: async () => {
      await agent.close();
      await web.close();
      await dns.close();
    },
  };
}

export const policy = (body: string, contentType = 'text/plain; charset=utf-8'): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': contentType });
  res.end(body);
};

export const stsRecord = (domain = 'example.test', text = 'v=STSv1; id=20260101') => txt(`_mta-sts.${domain}`, text);
