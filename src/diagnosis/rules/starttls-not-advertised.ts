import type { PortProbeResult } from '../../probe/types';
import { advertisesStartTls, announcedHost, findCapability, formatCapabilities, hasCapability, preTlsCapabilities } from '../capabilities';
import { certificateSeenElsewhere, servedCertificates } from '../certificates';
import { platformOf } from '../fingerprint';
import { showsMasking } from '../masking';
import { starttlsMissingRemediation } from '../remediation/starttls-missing';
import { answeredPorts } from '../session';
import { formatReply, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

function sizeOf(probe: PortProbeResult): string | undefined {
  return findCapability(preTlsCapabilities(probe), 'SIZE')?.params[0];
}

/** Ports where STARTTLS is missing from an EHLO answer that shows no masking. */
export function portsWithoutStartTls(input: DiagnosisInput): PortProbeResult[] {
  return answeredPorts(input.ports.map((o) => o.probe)).filter(
    (p) => p.mode === 'starttls' && !advertisesStartTls(p) && !showsMasking(p),
  );
}

function evidenceFor(input: DiagnosisInput, probe: PortProbeResult, platform: string): string[] {
  const port = probe.port;
  const caps = preTlsCapabilities(probe);
  const lines: string[] = [];
  if (probe.ehlo?.command === 'HELO') {
    lines.push(`port ${port}: the server refused EHLO and accepted HELO, so it offers no ESMTP extensions at all; no STARTTLS`);
  } else {
    lines.push(`port ${port}: EHLO lists ${formatCapabilities(caps)}; no STARTTLS`);
  }
  if (probe.greeting) lines.push(`port ${port}: banner ${formatReply(probe.greeting, 1)}`);

  const st = probe.starttls;
  if (st.attempted && st.reply) {
    lines.push(
      st.reply.code === 220
        ? `port ${port}: STARTTLS sent anyway was accepted (${formatReply(st.reply)}): the server supports TLS but does not announce it, so senders never use it`
        : `port ${port}: STARTTLS sent anyway was answered ${formatReply(st.reply)}`,
    );
  }

  const others = answeredPorts(input.ports.map((o) => o.probe)).filter((p) => p.port !== port && p.mode === 'starttls' && advertisesStartTls(p));
  for (const other of others) {
    const cert = servedCertificates(input).find((g) => g.ports.includes(other.port))?.certificate;
    lines.push(
      cert
        ? `port ${other.port} of the same host offers STARTTLS and served ${serverText(cert.subject)} (thumbprint ${cert.sha1Thumbprint})`
        : `port ${other.port} of the same host offers STARTTLS`,
    );
  }

  if (platform === 'exchange-onprem' && probe.ehlo?.command === 'EHLO') {
    const size = sizeOf(probe);
    const otherSizes = others.map((o) => ({ port: o.port, size: sizeOf(o) })).filter((o) => o.size && o.size !== size);
    const marks = !hasCapability(caps, 'X-ANONYMOUSTLS') && !hasCapability(caps, 'AUTH');
    if (marks) {
      const sizeText = otherSizes.length
        ? `; SIZE ${size ?? '(none)'} differs from ${otherSizes.map((o) => `${o.size} on port ${o.port}`).join(', ')}`
        : '';
      lines.push(
        `port ${port}: no X-ANONYMOUSTLS and no AUTH, which the Default Frontend connector lists${sizeText}: another receive connector probably answers this address on port ${port}`,
      );
    } else {
      lines.push(`port ${port}: X-ANONYMOUSTLS or AUTH is listed as on the Default Frontend connector: that connector answers but has no usable certificate or no Tls in AuthMechanism`);
    }
  }
  return lines;
}

/**
 * starttls-not-advertised (critical): the server answered EHLO (or only HELO) on a
 * STARTTLS-mode port without STARTTLS and without any sign of a masking middlebox
 * (that case is starttls-stripped).
 */
export function starttlsNotAdvertised(input: DiagnosisInput): Finding[] {
  const platform = platformOf(input);
  const all = input.ports.map((o) => o.probe);
  return portsWithoutStartTls(input).map((probe) => {
    const ports = [probe.port];
    const caps = preTlsCapabilities(probe);
    const size = sizeOf(probe);
    const otherSizes = answeredPorts(all)
      .filter((p) => p.port !== probe.port)
      .map((p) => ({ port: p.port, size: sizeOf(p) }))
      .filter((o): o is { port: number; size: string } => o.size !== undefined && o.size !== size);
    const finding: Finding = {
      id: 'starttls-not-advertised',
      severity: 'critical',
      ports,
      title: `Port ${probe.port} does not offer STARTTLS: mail to it travels unencrypted or is refused`,
      evidence: evidenceFor(input, probe, platform),
      remediation: starttlsMissingRemediation({
        host: input.host,
        ports,
        mode: probe.mode,
        platform,
        servedElsewhere: certificateSeenElsewhere(input, ports),
        size,
        otherSizes,
        bannerHost: announcedHost(probe.greeting?.lines[0]),
        lacksDefaultFrontendMarks: !hasCapability(caps, 'X-ANONYMOUSTLS') && !hasCapability(caps, 'AUTH'),
      }),
    };
    return finding;
  });
}
