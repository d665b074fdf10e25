import type { ExchangeAnalysis, ExchangeFinding, ReadOnlyCmdlet } from './types';

/** The `--json` form: findings and what was read, without the pasted property values. */
export interface AnalysisJson {
  /** 2 since remediation commands carry their shell ({shell, line}). */
  schemaVersion: 2;
  recognised: boolean;
  summary: string;
  verdict: ExchangeAnalysis['verdict'];
  joined: boolean;
  findings: ExchangeFinding[];
  notes: string[];
  nextSteps: ReadOnlyCmdlet[];
  objects: {
    receiveConnectors: string[];
    certificates: string[];
    sendConnectors: string[];
    inboundConnectors: string[];
    outboundConnectors: string[];
    unrecognisedBlocks: number;
  };
}

export function analysisJson(a: ExchangeAnalysis): AnalysisJson {
  const c = a.config;
  return {
    schemaVersion: 2,
    recognised: a.recognised,
    summary: a.summary,
    verdict: a.verdict,
    joined: a.joined,
    findings: a.findings,
    notes: c.notes,
    nextSteps: a.nextSteps,
    objects: {
      receiveConnectors: c.receiveConnectors.map((rc) => rc.identity ?? `(unnamed) ${rc.bindingsText.trim()}`),
      certificates: c.certificates.map((cert) => cert.thumbprint),
      sendConnectors: c.sendConnectors.map((sc) => sc.identity),
      inboundConnectors: c.inboundConnectors.map((ic) => ic.identity),
      outboundConnectors: c.outboundConnectors.map((oc) => oc.identity),
      unrecognisedBlocks: c.unrecognisedBlocks,
    },
  };
}
