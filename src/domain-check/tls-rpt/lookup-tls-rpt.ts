import type { DomainResolver } from '../../net/dns/domain-resolver';
import { DnsLookupError } from '../../net/dns/dns-lookup-error';
import { domainFinding } from '../domain-finding';
import type { DomainFinding, TlsRptResult } from '../types';
import { parseTlsRptRecord, tlsRptCandidates } from './tls-rpt-record';

/** The `_smtp._tls` TXT record (RFC 8460 section 3). Never rejects: what went wrong is in `problem`. */
export async function lookupTlsRpt(domain: string, resolver: DomainResolver): Promise<TlsRptResult> {
  const result: TlsRptResult = { recordName: `_smtp._tls.${domain}`, recordTexts: [] };
  try {
    result.recordTexts = tlsRptCandidates((await resolver.txt(result.recordName)).records);
  } catch (err) {
    if (!(err instanceof DnsLookupError)) throw err;
    return { ...result, problem: { code: 'TLSRPT_LOOKUP_FAILED', message: err.message } };
  }
  if (result.recordTexts.length === 0) return result;
  if (result.recordTexts.length > 1) {
    return {
      ...result,
      problem: { code: 'TLSRPT_MULTIPLE', message: `${result.recordName} has ${result.recordTexts.length} v=TLSRPTv1 records; senders need exactly one` },
    };
  }
  const record = parseTlsRptRecord(result.recordTexts[0]);
  if (!record.ok) return { ...result, problem: { code: 'TLSRPT_SYNTAX', message: `${result.recordName}: ${record.reason}` } };
  return { ...result, record: record.value };
}

export function tlsRptFindings(domain: string, result: TlsRptResult): DomainFinding[] {
  const example = `v=TLSRPTv1; rua=mailto:tls-reports@${domain}`;
  if (result.problem) {
    return [
      domainFinding(
        'tls-rpt-invalid',
        'warning',
        [],
        `The TLS-RPT record of ${domain} is unusable: senders send no TLS failure reports`,
        [`${result.problem.code}: ${result.problem.message}`, ...result.recordTexts.map((t) => `TXT ${result.recordName}: ${JSON.stringify(t)}`)],
        [{ platform: 'any', steps: [`Publish exactly one TXT record at ${result.recordName}, e.g. "${example}".`], commands: [] }],
      ),
    ];
  }
  if (result.recordTexts.length === 0) {
    return [
      domainFinding(
        'tls-rpt-missing',
        'info',
        [],
        `${domain} has no TLS-RPT record: senders cannot tell you when TLS to your MX hosts fails`,
        [`no TXT record starting v=TLSRPTv1 at ${result.recordName}`],
        [{ platform: 'any', steps: [`Publish a TXT record at ${result.recordName}: "${example}" (a mailbox or an https endpoint that accepts reports).`], commands: [] }],
      ),
    ];
  }
  return [];
}
