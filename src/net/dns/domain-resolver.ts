/** One MX record. */
export interface MxHost {
  /** Lower case, no trailing dot. */
  exchange: string;
  priority: number;
}

/** One TLSA record (RFC 6698). */
export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  /** Certificate association data, lower-case hex. */
  data: string;
}

/** What one lookup returned: NXDOMAIN and NODATA (NOERROR without records) are answers. */
export interface DnsAnswer<T> {
  rcode: 'NOERROR' | 'NXDOMAIN';
  records: T[];
  /** The resolver set the AD bit: it validated the answer with DNSSEC (RFC 6840 section 5.7). */
  authenticated: boolean;
}

/**
 * Every DNS lookup the domain checks make, so tests and front ends choose the
 * name servers. Methods reject with DnsLookupError when no server answered.
 */
export interface DomainResolver {
  /** MX records in answer order; a null MX (RFC 7505) appears with exchange ''. */
  mx(domain: string): Promise<DnsAnswer<MxHost>>;
  /** Each TXT record's character-strings joined into one string. */
  txt(name: string): Promise<DnsAnswer<string>>;
  tlsa(name: string): Promise<DnsAnswer<TlsaRecord>>;
  /** IPv4 addresses, then IPv6; empty when the name has none. */
  addresses(name: string): Promise<string[]>;
  /** The name servers asked, for reports. */
  describe(): string;
}
