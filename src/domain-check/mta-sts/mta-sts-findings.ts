import type { Severity } from '../../diagnosis/types';
import { domainFinding } from '../domain-finding';
import type { DomainFinding, MtaStsResult, MxCoverage, MxHostOutcome, StsPolicy } from '../types';
import type { MxHost } from '../../net/dns/domain-resolver';
import { mxPatternMatches } from './mx-pattern';

const PROBLEM_TITLES: Record<NonNullable<MtaStsResult['problem']>['code'], string> = {
  STS_RECORD_LOOKUP_FAILED: 'The MTA-STS TXT record could not be looked up',
  STS_RECORD_MULTIPLE: 'More than one MTA-STS TXT record',
  STS_RECORD_SYNTAX: 'The MTA-STS TXT record is malformed',
  STS_POLICY_FETCH_FAILED: 'The MTA-STS policy cannot be fetched',
  STS_POLICY_REDIRECT: 'The MTA-STS policy URL redirects (senders refuse redirects)',
  STS_POLICY_STATUS: 'The MTA-STS policy URL does not answer 200',
  STS_POLICY_CONTENT_TYPE: 'The MTA-STS policy is not served as text/plain',
  STS_POLICY_TOO_LARGE: 'The MTA-STS policy is larger than senders accept',
  STS_POLICY_TIMEOUT: 'The MTA-STS policy took too long to fetch',
  STS_POLICY_SYNTAX: 'The MTA-STS policy is malformed',
};

export function mtaStsCoverage(policy: StsPolicy, mx: MxHost[]): MxCoverage[] {
  return mx.map((m) => {
    const pattern = policy.mx.find((p) => mxPatternMatches(p, m.exchange));
    return pattern ? { host: m.exchange, pattern } : { host: m.exchange };
  });
}

/**
 * Judge the discovered policy against the real MX set and each MX host's
 * certificate, as a sender applying RFC 8461 section 4 would.
 */
export function mtaStsFindings(domain: string, result: MtaStsResult, mx: MxHost[], outcomes: MxHostOutcome[]): DomainFinding[] {
  if (result.problem) return [invalid(domain, result)];
  if (result.recordTexts.length === 0) return [missing(domain, result, mx)];
  const policy = result.policy;
  if (!policy || policy.mode === 'none') return [];
  const findings: DomainFinding[] = [];
  const severity: Severity = policy.mode === 'enforce' ? 'critical' : 'warning';
  if (policy.mode === 'testing') findings.push(testing(domain, result));
  const uncovered = mtaStsCoverage(policy, mx).filter((c) => !c.pattern);
  if (uncovered.length > 0) findings.push(mxMismatch(result, policy, uncovered, severity));
  const certProblems = outcomes.flatMap((o) => certificateProblems(o));
  if (certProblems.length > 0) {
    findings.push(
      domainFinding(
        'mta-sts-cert-mismatch',
        severity,
        [...new Set(certProblems.map((p) => p.host))],
        policy.mode === 'enforce'
          ? 'MTA-STS senders refuse to deliver to MX hosts whose certificate does not validate'
          : 'MX certificates would fail MTA-STS validation (testing mode: reported, not enforced)',
        [
          ...certProblems.map((p) => `${p.host}: ${p.problem}`),
          'RFC 8461 section 4.2: the MX certificate must chain to a trusted root, be unexpired and carry the MX host name.',
        ],
        [
          {
            platform: 'any',
            steps: [
              'Install on each listed MX host a certificate from a public CA whose subjectAltName includes that MX host name, served with its full chain.',
              'See the per-host findings (cert-name-mismatch, cert-untrusted, starttls-*) for platform commands.',
            ],
            commands: [],
          },
        ],
      ),
    );
  }
  return findings;
}

function missing(domain: string, result: MtaStsResult, mx: MxHost[]): DomainFinding {
  const policyLines = ['version: STSv1', 'mode: testing', ...mx.map((m) => `mx: ${m.exchange}`), 'max_age: 604800'];
  return domainFinding(
    'mta-sts-missing',
    'info',
    [],
    `${domain} publishes no MTA-STS policy: senders may fall back to plaintext or skip certificate checks`,
    [`no TXT record starting v=STSv1 at ${result.recordName}`],
    [
      {
        platform: 'any',
        steps: [
          `Serve this policy over HTTPS at ${result.policyUrl} as text/plain, with a certificate valid for mta-sts.${domain} (start in testing mode, move to enforce once TLS-RPT reports are clean):`,
          ...policyLines.map((l) => `  ${l}`),
          `Publish the TXT record ${result.recordName} "v=STSv1; id=<a new value each time the policy changes, e.g. 20260101T000000>".`,
        ],
        commands: [],
      },
    ],
  );
}

function invalid(domain: string, result: MtaStsResult): DomainFinding {
  const problem = result.problem!;
  const evidence = [`${problem.code}: ${problem.message}`];
  if (result.recordTexts.length > 0) evidence.push(...result.recordTexts.map((t) => `TXT ${result.recordName}: ${JSON.stringify(t)}`));
  if (result.policyText !== undefined) evidence.push(`policy body starts: ${JSON.stringify(result.policyText.slice(0, 160))}`);
  return domainFinding(
    'mta-sts-invalid',
    'warning',
    [],
    `${PROBLEM_TITLES[problem.code]}: senders treat ${domain} as having no usable MTA-STS policy`,
    evidence,
    [{ platform: 'any', steps: [fixFor(problem.code, domain, result)], commands: [] }],
  );
}

function fixFor(code: NonNullable<MtaStsResult['problem']>['code'], domain: string, result: MtaStsResult): string {
  switch (code) {
    case 'STS_RECORD_LOOKUP_FAILED':
      return `Check that the name servers for ${domain} answer TXT queries for ${result.recordName} (SERVFAIL often means a broken DNSSEC chain).`;
    case 'STS_RECORD_MULTIPLE':
      return `Keep exactly one TXT record starting v=STSv1 at ${result.recordName}.`;
    case 'STS_RECORD_SYNTAX':
      return `Publish exactly "v=STSv1; id=<1 to 32 letters and digits>" at ${result.recordName}.`;
    case 'STS_POLICY_REDIRECT':
      return `Serve the policy directly at ${result.policyUrl} with status 200: senders never follow redirects for it.`;
    case 'STS_POLICY_STATUS':
      return `Make ${result.policyUrl} answer 200 with the policy.`;
    case 'STS_POLICY_CONTENT_TYPE':
      return `Serve ${result.policyUrl} with Content-Type: text/plain (UTF-8).`;
    case 'STS_POLICY_TOO_LARGE':
      return 'An MTA-STS policy is a few lines: serve only the version, mode, mx and max_age lines.';
    case 'STS_POLICY_TIMEOUT':
      return `Make ${result.policyUrl} answer promptly; senders give up after about a minute.`;
    case 'STS_POLICY_FETCH_FAILED':
      return `Make mta-sts.${domain} resolve and serve HTTPS on port 443 with a publicly trusted certificate valid for mta-sts.${domain}.`;
    case 'STS_POLICY_SYNTAX':
      return 'Fix the policy: one "key: value" per line; version: STSv1, mode: enforce|testing|none, max_age in seconds (at most 31557600), and one mx: line per MX host or *.domain pattern.';
  }
}

function testing(domain: string, result: MtaStsResult): DomainFinding {
  return domainFinding(
    'mta-sts-testing',
    'info',
    [],
    `${domain}'s MTA-STS policy is in testing mode: senders report failures but still deliver`,
    [`${result.policyUrl}: mode: testing`, `TXT ${result.recordName}: ${JSON.stringify(result.recordTexts[0])}`],
    [
      {
        platform: 'any',
        steps: [
          'When the TLS-RPT reports show no failures, change the policy to mode: enforce and publish a new id in the TXT record.',
        ],
        commands: [],
      },
    ],
  );
}

function mxMismatch(result: MtaStsResult, policy: StsPolicy, uncovered: MxCoverage[], severity: Severity): DomainFinding {
  return domainFinding(
    'mta-sts-mx-mismatch',
    severity,
    uncovered.map((c) => c.host),
    policy.mode === 'enforce'
      ? 'MTA-STS senders refuse to deliver to MX hosts the policy does not list'
      : 'The MTA-STS policy does not list every MX host (testing mode: reported, not enforced)',
    [
      ...uncovered.map((c) => `MX ${c.host} matches no mx pattern of the policy`),
      `policy mx patterns: ${policy.mx.join(', ') || '(none)'}`,
    ],
    [
      {
        platform: 'any',
        steps: [
          `Add to ${result.policyUrl}: ${uncovered.map((c) => `mx: ${c.host}`).join(', ')} (or a *.domain pattern covering them).`,
          `Then publish a new id in ${result.recordName} so senders fetch the new policy.`,
        ],
        commands: [],
      },
    ],
  );
}

function certificateProblems(outcome: MxHostOutcome): { host: string; problem: string }[] {
  const port = outcome.report?.ports[0];
  if (!port) return [];
  const host = outcome.host;
  const c = port.certificate;
  if (!port.starttls.succeeded || !c) {
    return [{ host, problem: `no TLS on port ${port.port} (${port.error?.code ?? (port.starttls.advertised ? 'STARTTLS failed' : 'STARTTLS not advertised')}), so no certificate to validate` }];
  }
  const problems: string[] = [];
  if (c.nameMatch === false) problems.push(`certificate names ${c.san.join(', ') || c.subject} do not include ${host}`);
  if (!c.trusted) problems.push(`certificate not trusted: ${c.trustReason ?? c.trustError ?? 'unknown reason'}`);
  else if (c.expired || c.daysLeft < 0) problems.push(`certificate expired ${c.notAfter}`);
  return problems.map((problem) => ({ host, problem }));
}
