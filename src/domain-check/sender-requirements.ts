import { requestRequirements, type CheckRequest } from '../check/check-request';
import type { SenderRequirement } from '../diagnosis/sender-impact';
import { gradeFindings } from '../diagnosis/sender-impact';
import { compareFindings } from '../diagnosis/diagnose';
import { verdictOf } from '../report/build-report';
import type { Report } from '../report/types';
import type { DaneHostResult, MtaStsResult, MxHostOutcome } from './types';

/**
 * What the domain's published policies say about senders of one MX host. MTA-STS in enforce mode:
 * senders that honour it validate the chain and the MX name (RFC 8461). TLSA: a DANE-TA (usage 2)
 * record makes DANE senders check the name and the chain up to that anchor; DANE-EE (usage 3)
 * records alone do not (RFC 7672 3.1.1: no name, chain or expiry check), so they add no
 * certificate requirement beyond the TLSA match the dane findings judge.
 */
export function domainRequirements(domain: string, mtaSts: MtaStsResult, dane: DaneHostResult | undefined): SenderRequirement[] {
  return [
    ...(mtaSts.policy?.mode === 'enforce' ? [{ kind: 'mta-sts-enforce' as const, domain }] : []),
    ...(dane?.records.some((r) => r.usage === 2) ? [{ kind: 'dane' as const, domain: dane.host }] : []),
  ];
}

/** A host's report graded again once the domain's requirements are known (its own request's kept). */
export function withDomainRequirements(outcome: MxHostOutcome, request: Pick<CheckRequest, 'servername' | 'expectNames'>, extra: SenderRequirement[]): MxHostOutcome {
  if (!outcome.report || extra.length === 0) return outcome;
  return { ...outcome, report: regrade(outcome.report, [...requestRequirements(request), ...extra]) };
}

function regrade(report: Report, requirements: SenderRequirement[]): Report {
  const findings = gradeFindings(report.findings, { platform: report.platform, requirements }).sort(compareFindings);
  return { ...report, findings, verdict: verdictOf(findings) };
}
