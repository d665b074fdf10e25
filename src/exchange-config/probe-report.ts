import type { Report } from '../report/types';

/**
 * A probe report read from JSON (`starttls probe --json`), checked for the fields the joined
 * analysis reads; undefined when it is not one.
 */
export function asProbeReport(value: unknown): Report | undefined {
  if (!isObject(value) || (value.schemaVersion !== 1 && value.schemaVersion !== 2) || typeof value.host !== 'string' || !Array.isArray(value.ports)) return undefined;
  const portsOk = value.ports.every(
    (p) =>
      isObject(p) &&
      typeof p.port === 'number' &&
      Array.isArray(p.capabilities) &&
      p.capabilities.every((c) => isObject(c) && typeof c.keyword === 'string' && Array.isArray(c.params)) &&
      isObject(p.starttls) &&
      typeof p.starttls.advertised === 'boolean' &&
      (p.certificate === undefined || isCertificate(p.certificate)),
  );
  return portsOk ? (value as unknown as Report) : undefined;
}

function isCertificate(c: unknown): boolean {
  return (
    isObject(c) &&
    typeof c.subject === 'string' &&
    typeof c.issuer === 'string' &&
    Array.isArray(c.san) &&
    typeof c.sha1Thumbprint === 'string' &&
    typeof c.exchangeTlsCertificateName === 'string'
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
