import { randomInt } from 'node:crypto';
import { getServers } from 'node:dns';
import dnsPacket from 'dns-packet';
import type { MxHost, TlsaRecord, DnsAnswer, DomainResolver } from './domain-resolver';
import { DnsLookupError } from './dns-lookup-error';
import { tcpExchange, udpExchange } from './dns-transport';
import { formatServerAddress, parseServerAddress, type ServerAddress } from './server-address';

export interface DnsClientOptions {
  /** `ADDR[:PORT]` each; defaults to the system's name servers (dns.getServers()). */
  servers?: string[];
  /** Per query and server. */
  timeoutMs?: number;
  /** Rounds over the server list. */
  attempts?: number;
}

type QueryType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'TLSA';

interface RawAnswer {
  type: string;
  name: string;
  data?: unknown;
}

interface Response {
  rcode: 'NOERROR' | 'NXDOMAIN';
  authenticated: boolean;
  answers: RawAnswer[];
}

/** The EDNS0 buffer size recommended since DNS flag day 2020: avoids IP fragmentation. */
const EDNS_UDP_SIZE = 1232;
const MAX_CNAME_HOPS = 8;

/**
 * A small stub resolver over dns-packet: recursive queries to the configured
 * servers, UDP first and TCP when the answer is truncated. It asks for the
 * AD bit so a validating resolver can say it checked DNSSEC; it does no
 * validation itself.
 */
export class DnsClient implements DomainResolver {
  readonly servers: ServerAddress[];
  private readonly timeoutMs: number;
  private readonly attempts: number;

  constructor(options: DnsClientOptions = {}) {
    this.servers = (options.servers ?? getServers()).map(parseServerAddress);
    if (this.servers.length === 0) throw new DnsLookupError('DNS_BAD_SERVER', 'no name servers configured');
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.attempts = options.attempts ?? 2;
  }

  describe(): string {
    return this.servers.map(formatServerAddress).join(', ');
  }

  async mx(domain: string): Promise<DnsAnswer<MxHost>> {
    return this.lookup(domain, 'MX', (data) => {
      const mx = data as { preference: number; exchange: string };
      return { exchange: normalizeName(mx.exchange), priority: mx.preference };
    });
  }

  async txt(name: string): Promise<DnsAnswer<string>> {
    return this.lookup(name, 'TXT', (data) => {
      const parts = Array.isArray(data) ? data : [data];
      return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : String(p))).join('');
    });
  }

  async tlsa(name: string): Promise<DnsAnswer<TlsaRecord>> {
    return this.lookup(name, 'TLSA', (data) => {
      const t = data as { usage: number; selector: number; matchingType: number; certificate: Buffer };
      return { usage: t.usage, selector: t.selector, matchingType: t.matchingType, data: t.certificate.toString('hex') };
    });
  }

  async addresses(name: string): Promise<string[]> {
    const [v4, v6] = await Promise.allSettled([
      this.lookup(name, 'A', (d) => String(d)),
      this.lookup(name, 'AAAA', (d) => String(d)),
    ]);
    if (v4.status === 'rejected' && v6.status === 'rejected') throw v4.reason;
    return [...(v4.status === 'fulfilled' ? v4.value.records : []), ...(v6.status === 'fulfilled' ? v6.value.records : [])];
  }

  private async lookup<T>(name: string, type: QueryType, convert: (data: unknown) => T): Promise<DnsAnswer<T>> {
    const qname = normalizeName(name);
    const response = await this.query(qname, type);
    return {
      rcode: response.rcode,
      authenticated: response.authenticated,
      records: recordsFor(response.answers, qname, type).map((a) => convert(a.data)),
    };
  }

  /** Ask each server in turn until one gives NOERROR or NXDOMAIN. */
  private async query(qname: string, type: QueryType): Promise<Response> {
    let lastError: DnsLookupError | undefined;
    for (let round = 0; round < this.attempts; round++) {
      for (const server of this.servers) {
        try {
          return await this.ask(server, qname, type);
        } catch (err) {
          if (!(err instanceof DnsLookupError)) throw err;
          lastError = err;
        }
      }
    }
    throw new DnsLookupError(lastError!.code, `${type} ${qname}: ${lastError!.message}`);
  }

  private async ask(server: ServerAddress, qname: string, type: QueryType): Promise<Response> {
    const id = randomInt(0, 0x10000);
    const query = dnsPacket.encode({
      type: 'query',
      id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
      questions: [{ type, name: qname, class: 'IN' }],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
    });
    let raw = await udpExchange(server, query, this.timeoutMs);
    if (decodeOrThrow(raw, server).flag_tc) raw = await tcpExchange(server, query, this.timeoutMs);
    const packet = decodeOrThrow(raw, server);
    const question = packet.questions?.[0];
    if (packet.id !== id || !packet.flag_qr || !question || normalizeName(question.name) !== qname || question.type !== type) {
      throw new DnsLookupError('DNS_BAD_RESPONSE', `${formatServerAddress(server)} answered a different question`);
    }
    const rcode = (packet as unknown as { rcode?: string }).rcode;
    if (rcode === 'NOERROR' || rcode === 'NXDOMAIN') {
      return { rcode, authenticated: packet.flag_ad, answers: (packet.answers ?? []) as RawAnswer[] };
    }
    if (rcode === 'SERVFAIL') throw new DnsLookupError('DNS_SERVER_FAILURE', `${formatServerAddress(server)} answered SERVFAIL`);
    if (rcode === 'REFUSED') throw new DnsLookupError('DNS_REFUSED', `${formatServerAddress(server)} refused the query`);
    throw new DnsLookupError('DNS_BAD_RESPONSE', `${formatServerAddress(server)} answered ${rcode ?? 'an unknown code'}`);
  }
}

function decodeOrThrow(raw: Buffer, server: ServerAddress): dnsPacket.DecodedPacket {
  try {
    return dnsPacket.decode(raw);
  } catch {
    throw new DnsLookupError('DNS_BAD_RESPONSE', `${formatServerAddress(server)} sent an answer that does not parse`);
  }
}

/** Records of `type` owned by the query name or by a name the answer's CNAME chain leads to. */
function recordsFor(answers: RawAnswer[], qname: string, type: QueryType): RawAnswer[] {
  const owners = new Set([qname]);
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const before = owners.size;
    for (const a of answers) {
      if (a.type === 'CNAME' && owners.has(normalizeName(a.name))) owners.add(normalizeName(String(a.data)));
    }
    if (owners.size === before) break;
  }
  return answers.filter((a) => a.type === type && owners.has(normalizeName(a.name)));
}

export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
