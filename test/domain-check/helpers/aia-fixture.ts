import type http from 'node:http';
import { DnsClient } from '../../../src/net/dns/dns-client';
import { resolvingAgent } from '../../../src/net/http/resolving-agent';
import { a, startDnsServer, type TestDnsServer } from '../../helpers/dns-server';
import { startWebServer, type TestWebServer } from '../../helpers/web-server';

export const AIA_HOST = 'aia.example.test';

/**
 * A plain-HTTP "CA repository" on 127.0.0.1 that aia.example.test resolves to
 * through a loopback name server; `files` maps paths to responses.
 */
export async function startAiaFixture(files: Record<string, (res: http.ServerResponse) => void>) {
  const web: TestWebServer = await startWebServer((req, res) => {
    const serve = files[req.url ?? ''];
    if (serve) serve(res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  const dns: TestDnsServer = await startDnsServer({ records: [a(AIA_HOST)] });
  const resolver = new DnsClient({ servers: [dns.address], timeoutMs: 1000, attempts: 1 });
  const agent = resolvingAgent({ resolver, connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  return {
    web,
    dns,
    resolver,
    agent,
    url: (path: string) => `http://${AIA_HOST}:${web.port}${path}`,
    close: async () => {
      await agent.close();
      await web.close();
      await dns.close();
    },
  };
}

export const body = (content: Buffer | string, contentType = 'application/pkix-cert') => (res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': contentType });
  res.end(content);
};
