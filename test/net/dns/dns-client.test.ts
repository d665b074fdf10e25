import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import { DnsClient } from '../../../src/net/dns/dns-client';
import { DnsLookupError } from '../../../src/net/dns/dns-lookup-error';
import { a, mx, startDnsServer, tlsa, txt, type TestDnsServer } from '../../helpers/dns-server';

describe('DnsClient against a loopback name server', () => {
  let server: TestDnsServer;
  let client: DnsClient;

  beforeAll(async () => {
    server = await startDnsServer({
      records: [
        mx('example.test', 20, 'MX2.example.test'),
        mx('example.test', 10, 'mx1.example.test.'),
        txt('_mta-sts.example.test', 'v=STSv1; ', 'id=20260101'),
        txt('_mta-sts.example.test', 'unrelated'),
        tlsa('_25._tcp.mx1.example.test', 3, 1, 1, 'ab'.repeat(32)),
        a('mx1.example.test'),
        { type: 'AAAA', name: 'mx1.example.test', data: '::1' },
        { type: 'CNAME', name: 'alias.example.test', data: 'mx1.example.test' },
        a('big.example.test', '127.0.0.2'),
        a('signed.example.test'),
      ],
      authenticated: ['signed.example.test'],
      truncate: ['big.example.test'],
      servfail: ['broken.example.test'],
      silent: ['silent.example.test'],
    });
    client = new DnsClient({ servers: [server.address], timeoutMs: 300, attempts: 1 });
  });
  afterAll(() => server.close());

  it('reads MX records, lower-casing names and dropping the trailing dot', async () => {
    const answer = await client.mx('example.test');
    expect(answer).toEqual({
      rcode: 'NOERROR',
      authenticated: false,
      records: [
        { exchange: 'mx2.example.test', priority: 20 },
        { exchange: 'mx1.example.test', priority: 10 },
      ],
    });
  });

  it('joins the character-strings of each TXT record', async () => {
    expect((await client.txt('_mta-sts.example.test')).records).toEqual(['v=STSv1; id=20260101', 'unrelated']);
  });

  it('decodes TLSA records into hex association data', async () => {
    expect((await client.tlsa('_25._tcp.mx1.example.test')).records).toEqual([
      { usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) },
    ]);
  });

  it('tells NXDOMAIN from NODATA', async () => {
    expect(await client.txt('nothing.example.test')).toEqual({ rcode: 'NXDOMAIN', records: [], authenticated: false });
    expect(await client.tlsa('mx1.example.test')).toEqual({ rcode: 'NOERROR', records: [], authenticated: false });
  });

  it('returns IPv4 then IPv6 addresses, following a CNAME', async () => {
    expect(await client.addresses('mx1.example.test')).toEqual(['127.0.0.1', '::1']);
    expect(await client.addresses('alias.example.test')).toEqual(['127.0.0.1', '::1']);
  });

  it('reports the AD bit as authenticated', async () => {
    const answer = await client.mx('signed.example.test');
    expect(answer.authenticated).toBe(true);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    expect(await client.addresses('big.example.test')).toEqual(['127.0.0.2']);
    expect(server.queries).toEqual(expect.arrayContaining(['A big.example.test/udp', 'A big.example.test/tcp']));
  });

  it('rejects with DNS_SERVER_FAILURE on SERVFAIL and DNS_TIMEOUT on silence', async () => {
    await expect(client.txt('broken.example.test')).rejects.toMatchObject({ name: 'DnsLookupError', code: 'DNS_SERVER_FAILURE' });
    await expect(client.txt('silent.example.test')).rejects.toMatchObject({ code: 'DNS_TIMEOUT' });
    await expect(client.txt('silent.example.test')).rejects.toBeInstanceOf(DnsLookupError);
  });

  it('asks the next server when one fails', async () => {
    const failing = await startDnsServer({ records: [], servfail: ['example.test'] });
    try {
      const both = new DnsClient({ servers: [failing.address, server.address], timeoutMs: 300, attempts: 1 });
      expect((await both.mx('example.test')).records).toHaveLength(2);
      expect(failing.queries).toEqual(['MX example.test/udp']);
      expect(both.describe()).toBe(`${failing.address}, ${server.address}`);
    } finally {
      await failing.close();
    }
  });
});

describe('DnsClient configuration', () => {
  it('refuses a server that is not an address', () => {
    expect(() => new DnsClient({ servers: ['ns.example.test'] })).toThrow(expect.objectContaining({ code: 'DNS_BAD_SERVER' }));
    expect(() => new DnsClient({ servers: [] })).toThrow('no name servers configured');
  });
});

describe('DnsClient against a misbehaving server', () => {
  let socket: dgram.Socket;
  let reply: (query: Buffer) => Buffer;
  let client: DnsClient;

  beforeAll(async () => {
    socket = dgram.createSocket('udp4');
    socket.on('message', (message, from) => socket.send(reply(message), from.port, from.address));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    client = new DnsClient({ servers: [`127.0.0.1:${(socket.address() as AddressInfo).port}`], timeoutMs: 300, attempts: 1 });
  });
  afterAll(() => new Promise<void>((resolve) => socket.close(() => resolve())));

  it('rejects an answer that does not parse', async () => {
    reply = (query) => Buffer.concat([query.subarray(0, 2), Buffer.from([0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 0xff])]);
    await expect(client.txt('example.test')).rejects.toMatchObject({ code: 'DNS_BAD_RESPONSE', message: expect.stringContaining('does not parse') });
  });

  it('rejects an answer to another question', async () => {
    reply = (query) => {
      const q = dnsPacket.decode(query);
      return dnsPacket.encode({ type: 'response', id: q.id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'TXT', name: 'other.test' }], answers: [{ type: 'TXT', name: 'other.test', data: 'x' }] });
    };
    await expect(client.txt('example.test')).rejects.toMatchObject({ code: 'DNS_BAD_RESPONSE', message: expect.stringContaining('answered a different question') });
  });

  it('ignores a datagram with the wrong id and times out', async () => {
    reply = (query) => {
      const q = dnsPacket.decode(query);
      return dnsPacket.encode({ type: 'response', id: (q.id! + 1) & 0xffff, questions: q.questions, answers: [] });
    };
    await expect(client.txt('example.test')).rejects.toMatchObject({ code: 'DNS_TIMEOUT' });
  });

  it('maps REFUSED', async () => {
    reply = (query) => {
      const q = dnsPacket.decode(query);
      return dnsPacket.encode({ type: 'response', id: q.id, flags: 5, questions: q.questions });
    };
    await expect(client.txt('example.test')).rejects.toMatchObject({ code: 'DNS_REFUSED' });
  });
});
