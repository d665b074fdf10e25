import type { DomainResolver } from '../../net/dns/domain-resolver';
import { domainFinding } from '../domain-finding';
import type { DomainFinding, TlsRptResult } from '../types';
import { readVersionedTxt, type VersionedTxtProblem } from '../versioned-txt';
import { TLS_RPT_RECORD } from './tls-rpt-record';

/** The `_smtp._tls` TXT record (RFC 8460 section 3). Never rejects: what went wrong is in `problem`. */
export async function lookupTlsRpt(domain: string, resolver: DomainResolver): Promise<TlsRptResult> {
  const recordName = `_smtp._tls.${domain}`;
  const { recordTexts, record, problem } = await readVersionedTxt(resolver, recordName, TLS_RPT_RECORD);
  return { recordName, recordTexts, ...(record ? { record } : {}), ...(problem ? { problem: { code: TXT_PROBLEMS[problem.kind], message: problem.message } } : {}) };
}

const TXT_PROBLEMS: Record<VersionedTxtProblem['kind'], NonNullable<TlsRptResult['problem']>['code']> = {
  lookup: 'TLSRPT_LOOKUP_FAILED',
  multiple: 'TLSRPT_MULTIPLE',
  syntax: 'TLSRPT_SYNTAX',
};

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
