import { trustAnchors } from '../certificate/trust-anchors';
import type { CertificateReport } from '../certificate/types';
import { resolveHost } from '../probe/connect';
import { ProbeError } from '../probe/errors';
import { DEFAULT_LIMITS, DEFAULT_TIMEOUTS } from '../probe/limits';
import { probePort } from '../probe/probe-port';
import { scanTlsVersions } from '../probe/tls-versions';
import type { PortProbeResult } from '../probe/types';
import type { PortObservation } from '../diagnosis/types';
import type { PortReport, Report } from '../report/types';
import { IMPLICIT_TLS_PORTS, requestRequirements, type CheckRequest } from './check-request';

/** What a check needs only once a probe has finished. */
type Judging = typeof import('./certificate-cache') & typeof import('../diagnosis/diagnose') & typeof import('../report/build-report');
let judging: Judging | undefined;

/**
 * Certificate analysis (node-forge's ASN.1), diagnosis and the report builder, loaded when a check first
 * needs them. A pool starts its worker threads before any check and each loads this module: until a probe
 * finishes, its isolate holds only the probe (about 2.5 MB resident less per worker, idle or holding checks).
 */
function judge(): Judging {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
  return (judging ??= {
    ...(require('./certificate-cache') as typeof import('./certificate-cache')),
    ...(require('../diagnosis/diagnose') as typeof import('../diagnosis/diagnose')),
    ...(require('../report/build-report') as typeof import('../report/build-report')),
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export interface CheckHooks {
  /** Called as each port finishes, before the report is complete (for progress displays). */
  onPort?: (port: PortReport) => void;
  signal?: AbortSignal;
}

/**
 * Probe every requested port of one host, judge certificates, diagnose, report.
 * The host is resolved once; each port gets its own single connection, so a
 * host is never hit with more than one connection per port at a time.
 */
export async function checkTarget(request: CheckRequest, hooks: CheckHooks = {}): Promise<Report> {
  const startedAt = new Date();
  const address = request.address ? { address: request.address } : await resolveOnce(request.host);
  const ca = trustAnchors(request.caPems);
  const observations = await Promise.all(request.ports.map((port) => observe(request, port, address, ca, hooks)));
  const { diagnose, buildReport, toPortReport } = judge();
  const { platform, findings } = diagnose({
    host: request.host,
    ...(request.servername ? { servername: request.servername } : {}),
    ports: observations,
    options: { expiryWarningDays: request.expiryWarningDays, requirements: requestRequirements(request) },
  });
  return buildReport({
    host: request.host,
    ...(request.servername ? { servername: request.servername } : {}),
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    platform,
    ports: observations.map((o) => toPortReport(o.probe, o.certificate)),
    findings,
  });
}

type Resolved = { address: string } | { error: ProbeError };

async function resolveOnce(host: string): Promise<Resolved> {
  try {
    return { address: (await resolveHost(host))[0] };
  } catch (err) {
    return { error: err as ProbeError };
  }
}

/**
 * One port: probe, judge its certificate, tell onPort. Continuations rather than async functions here and
 * in probeOne, because a pool worker holds hundreds of these at once for as long as a server keeps them
 * waiting, and each suspended async function costs about half a kilobyte (generator, registers, promise).
 */
function observe(request: CheckRequest, port: number, resolved: Resolved, ca: string[] | undefined, hooks: CheckHooks): Promise<PortObservation> {
  return probeOne(request, port, resolved, ca, hooks.signal).then((probe) => {
    const certificate = judgeCertificate(probe, request);
    if (hooks.onPort) hooks.onPort(judge().toPortReport(probe, certificate));
    return { probe, certificate };
  });
}

function probeOne(request: CheckRequest, port: number, resolved: Resolved, ca: string[] | undefined, signal?: AbortSignal): Promise<PortProbeResult> {
  if ('error' in resolved) return Promise.resolve(unresolved(request.host, port, resolved.error));
  const probing = probePort(request.host, port, {
    address: resolved.address,
    ehloName: request.ehloName,
    implicitTls: request.implicitTls || IMPLICIT_TLS_PORTS.includes(port),
    forceStartTls: request.forceStartTls,
    ...(request.servername ? { servername: request.servername } : {}),
    ca,
    timeouts: { ...DEFAULT_TIMEOUTS, totalMs: request.timeoutMs, greetingMs: Math.min(DEFAULT_TIMEOUTS.greetingMs, request.timeoutMs) },
    signal,
  });
  return request.protocols ? probing.then((probe) => withVersions(probe, request, resolved.address, signal)) : probing;
}

/** The TLS-version scan (`--protocols`), for a probe that reached TLS. */
async function withVersions(probe: PortProbeResult, request: CheckRequest, address: string, signal?: AbortSignal): Promise<PortProbeResult> {
  if (reachedTls(probe)) {
    probe.tlsVersions = await scanTlsVersions(request.host, probe.port, {
      address,
      implicitTls: probe.mode === 'implicit-tls',
      ehloName: request.ehloName,
      ...(request.servername ? { servername: request.servername } : {}),
      timeoutMs: Math.min(DEFAULT_TIMEOUTS.stepMs, request.timeoutMs),
      limits: DEFAULT_LIMITS,
      signal,
      ...(probe.starttls.protocol ? { negotiated: { version: probe.starttls.protocol, cipher: probe.starttls.cipher } } : {}),
    });
  }
  return probe;
}

/** The probe got as far as a TLS handshake: versions can be tried. */
function reachedTls(probe: PortProbeResult): boolean {
  if (probe.mode === 'implicit-tls') return probe.address !== undefined && probe.error?.step !== 'connect' && probe.error?.step !== 'resolve';
  return probe.starttls.reply?.code === 220;
}

function unresolved(host: string, port: number, error: ProbeError): PortProbeResult {
  return {
    host,
    port,
    mode: 'starttls',
    starttls: { advertised: false, attempted: false, succeeded: false },
    error: error.toInfo(),
    timings: {},
    totalMs: 0,
    transcript: [{ at: 0, dir: 'info', text: `${error.code}: ${error.message}` }],
  };
}

function judgeCertificate(probe: PortProbeResult, request: CheckRequest): CertificateReport | undefined {
  if (!probe.peer) return undefined;
  const { analyzeCertificateCached } = judge();
  try {
    return analyzeCertificateCached(probe.peer, {
      host: request.host,
      ...(request.servername ? { servername: request.servername } : {}),
      expectNames: request.expectNames,
      now: new Date(),
    });
  } catch {
    // An unparseable certificate is reported through the handshake facts; the rest of the report stands.
    return undefined;
  }
}
