import type { Dispatcher } from 'undici';
import { trustAnchors } from '../certificate/trust-anchors';
import { checkRequest, type CheckRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import type { Verdict } from '../report/types';
import { chainRepairFindings, type RepairOnPlatform } from './chain-repair/chain-repair-findings';
import { AIA_MAX_BYTES, AIA_TIMEOUT_MS, type FetchedCertificate } from './chain-repair/fetch-issuer';
import { repairChain } from './chain-repair/repair-chain';
import { trustAnchorSet } from './chain-repair/trust-anchor-set';
import { compareMxHosts } from './consolidation/compare-mx-hosts';
import { mxHostsDifferFinding } from './consolidation/mx-hosts-differ';
import { DNSSEC_CAVEAT, daneFindings } from './dane/dane-findings';
import { judgeDane, lookupTlsa } from './dane/lookup-tlsa';
import type { DomainResolver } from '../net/dns/domain-resolver';
import { sortFindings } from './domain-finding';
import { resolvingAgent } from '../net/http/resolving-agent';
import { POLICY_MAX_BYTES, POLICY_TIMEOUT_MS } from './mta-sts/fetch-policy';
import { lookupMtaSts } from './mta-sts/lookup-mta-sts';
import { mtaStsCoverage, mtaStsFindings } from './mta-sts/mta-sts-findings';
import { resolveMxSet } from './resolve-mx-set';
import { domainRequirements, withDomainRequirements } from './sender-requirements';
import { lookupTlsRpt, tlsRptFindings } from './tls-rpt/lookup-tls-rpt';
import type { DomainPolicies, DomainReport, MxHostOutcome, MxSet } from './types';

export const DEFAULT_MAX_HOSTS = 10;

export interface DomainHttpOptions {
  /** Only for tests and proxies: senders fetch policies from port 443. */
  policyPort?: number;
  policyTimeoutMs?: number;
  policyMaxBytes?: number;
  aiaTimeoutMs?: number;
  aiaMaxBytes?: number;
  connectTimeoutMs?: number;
}

export interface CheckDomainOptions {
  /** Runs each MX host's STARTTLS check (checkTarget in process, or the worker pool). */
  checker: Checker;
  /** Every DNS lookup: MX, TXT, TLSA, and the addresses of the policy and AIA hosts. */
  resolver: DomainResolver;
  /** Settings for each host's check; `ports` defaults to [25] and only its first port is used. */
  request?: Partial<Omit<CheckRequest, 'host'>>;
  /** MX hosts probed at most (the most preferred); the policy is still judged against all. */
  maxHosts?: number;
  http?: DomainHttpOptions;
  /** Replaces the HTTP client (which otherwise resolves through `resolver` and trusts request.caPems too). */
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  /** The MX set, as soon as it is known. */
  onMx?: (mx: MxSet) => void;
  /** Each host's STARTTLS report as it finishes: these come first. */
  onHostReport?: (outcome: MxHostOutcome) => void;
  /** MTA-STS, TLS-RPT, DANE and chain repair, after the last host report. */
  onPolicies?: (policies: DomainPolicies) => void;
}

/**
 * The domain-wide check: every MX host's STARTTLS (through the injected
 * checker), compared across hosts, plus MTA-STS, TLS-RPT, DANE and chain
 * repair hints. The DNS and HTTP lookups run while the hosts are probed, but
 * their results are delivered only after the last host report.
 * Rejects with DomainCheckError when the domain has no mail hosts to check,
 * and with the checker's error on cancellation.
 */
export async function checkDomain(domain: string, options: CheckDomainOptions): Promise<DomainReport> {
  const startedAt = new Date();
  const { resolver } = options;
  const http = options.http ?? {};
  const base = checkRequest(domain, [25], options.request ?? {});
  const port = base.ports[0] ?? 25;
  const mx = await resolveMxSet(domain, resolver);
  options.onMx?.(mx);
  const probed = mx.hosts.slice(0, options.maxHosts ?? DEFAULT_MAX_HOSTS);

  const ownAgent = options.dispatcher
    ? undefined
    : resolvingAgent({
        resolver,
        ca: trustAnchors(base.caPems),
        connectTimeoutMs: http.connectTimeoutMs ?? 10_000,
        headersTimeoutMs: Math.max(http.policyTimeoutMs ?? POLICY_TIMEOUT_MS, http.aiaTimeoutMs ?? AIA_TIMEOUT_MS),
        bodyTimeoutMs: Math.max(http.policyTimeoutMs ?? POLICY_TIMEOUT_MS, http.aiaTimeoutMs ?? AIA_TIMEOUT_MS),
      });
  const dispatcher = options.dispatcher ?? ownAgent!;
  try {
    const mtaStsPending = lookupMtaSts(domain, resolver, {
      dispatcher,
      port: http.policyPort,
      timeoutMs: http.policyTimeoutMs,
      maxBytes: http.policyMaxBytes ?? POLICY_MAX_BYTES,
      signal: options.signal,
    });
    const tlsRptPending = lookupTlsRpt(domain, resolver);
    const tlsaPending = Promise.all(probed.map((h) => lookupTlsa(h.exchange, port, resolver)));
    // Settle the lookups' promises now so a rejection while hosts are probed is not unhandled.
    for (const p of [mtaStsPending, tlsRptPending, tlsaPending]) p.catch(() => undefined);

    const probedHosts = await Promise.all(
      probed.map(async (h) => {
        // Resolved through the same resolver as the MX set, so --dns-server governs the probes too.
        const address = (await resolver.addresses(h.exchange).catch(() => []))[0];
        const outcome = await checkHost(options, { ...base, host: h.exchange, ports: [port], ...(address ? { address } : {}) }, h.priority);
        options.onHostReport?.(outcome);
        return outcome;
      }),
    );

    const [mtaSts, tlsRpt, tlsa] = await Promise.all([mtaStsPending, tlsRptPending, tlsaPending]);
    if (mtaSts.policy) mtaSts.coverage = mtaStsCoverage(mtaSts.policy, mx.hosts);
    const dane = tlsa.map((lookup, i) => judgeDane(lookup, probedHosts[i].report?.ports[0]?.certificate));
    // Severity from the sender's side: MTA-STS enforce and DANE-TA make certificate problems refusals.
    const hosts = probedHosts.map((h, i) => withDomainRequirements(h, base, domainRequirements(domain, mtaSts, dane[i])));
    const repairs = await chainRepairs(hosts, base.caPems, dispatcher, http, options.signal);
    const comparison = compareMxHosts(hosts);
    const differ = mxHostsDifferFinding(comparison);
    const leafPems = new Map(hosts.flatMap((h) => {
      const pem = h.report?.ports[0]?.certificate?.chainPem?.[0];
      return pem ? [[h.host, pem] as const] : [];
    }));
    const findings = sortFindings([
      ...(differ ? [differ] : []),
      ...mtaStsFindings(domain, mtaSts, mx.hosts, hosts),
      ...tlsRptFindings(domain, tlsRpt),
      ...daneFindings(dane, leafPems),
      ...chainRepairFindings(repairs),
    ]);
    const policies: DomainPolicies = { mtaSts, tlsRpt, dane, chainRepairs: repairs.map((r) => r.repair), findings };
    options.onPolicies?.(policies);

    return {
      schemaVersion: 2,
      domain,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      verdict: domainVerdict(hosts, policies),
      mx,
      hosts,
      comparison,
      ...policies,
      notes: notes(mx, probed.length, resolver, dane),
    };
  } finally {
    await ownAgent?.close();
  }
}

async function checkHost(options: CheckDomainOptions, request: CheckRequest, priority: number): Promise<MxHostOutcome> {
  try {
    const report = await options.checker(request, options.signal ? { signal: options.signal } : {});
    return { host: request.host, priority, report };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const e = err as { code?: unknown; message?: unknown };
    return { host: request.host, priority, error: { code: typeof e.code === 'string' ? e.code : 'CHECK_FAILED', message: String(e.message ?? err) } };
  }
}

async function chainRepairs(
  hosts: MxHostOutcome[],
  caPems: string[],
  dispatcher: Dispatcher,
  http: DomainHttpOptions,
  signal: AbortSignal | undefined,
): Promise<RepairOnPlatform[]> {
  const incomplete = hosts.filter((h) => h.report?.ports[0]?.certificate?.chainComplete === false);
  if (incomplete.length === 0) return [];
  const anchors = trustAnchorSet(caPems);
  const cache = new Map<string, Promise<FetchedCertificate>>();
  return Promise.all(
    incomplete.map(async (h) => {
      const portReport = h.report!.ports[0];
      const repair = await repairChain(h.host, portReport.port, portReport.certificate!, {
        dispatcher,
        anchors,
        cache,
        timeoutMs: http.aiaTimeoutMs ?? AIA_TIMEOUT_MS,
        maxBytes: http.aiaMaxBytes ?? AIA_MAX_BYTES,
        signal,
      });
      return { repair, platform: h.report!.platform };
    }),
  );
}

const RANK: Record<Verdict, number> = { ok: 0, warning: 1, unknown: 2, critical: 3 };

/** Worst of the hosts' verdicts and the domain findings; a host that could not be checked is unknown. */
function domainVerdict(hosts: MxHostOutcome[], policies: DomainPolicies): Verdict {
  const verdicts: Verdict[] = [
    ...hosts.map((h) => h.report?.verdict ?? 'unknown'),
    ...policies.findings.map((f): Verdict => (f.severity === 'info' ? 'ok' : f.severity)),
  ];
  return verdicts.reduce<Verdict>((worst, v) => (RANK[v] > RANK[worst] ? v : worst), 'ok');
}

function notes(mx: MxSet, probed: number, resolver: DomainResolver, dane: DomainPolicies['dane']): string[] {
  const lines = [`DNS answers from ${resolver.describe()}.`];
  if (mx.source === 'implicit') lines.push('No MX records: senders deliver to the domain itself (RFC 5321 section 5.1).');
  if (probed < mx.hosts.length) lines.push(`Only the ${probed} most preferred of ${mx.hosts.length} MX hosts were probed.`);
  for (const d of dane) if (d.lookupError) lines.push(`TLSA lookup for ${d.recordName} failed: ${d.lookupError.message}`);
  if (dane.some((d) => d.records.length > 0)) lines.push(DNSSEC_CAVEAT);
  return lines;
}
