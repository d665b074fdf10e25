import type { PortReport } from './types';

export interface CapabilityRow {
  keyword: string;
  /** Per port, in column order: the parameters ('' when none), or null when not advertised. */
  values: (string | null)[];
  differs: boolean;
}

export interface CapabilityMatrix {
  ports: number[];
  rows: CapabilityRow[];
}

/**
 * The side-by-side comparison of what each port advertised in its first EHLO,
 * rows in the order keywords first appear. Ports that never answered EHLO are left out.
 */
export function capabilityMatrix(reports: PortReport[]): CapabilityMatrix {
  const answered = reports.filter((p) => p.ehloCommand !== undefined);
  const keywords: string[] = [];
  for (const p of answered) {
    for (const c of p.capabilities) if (!keywords.includes(c.keyword)) keywords.push(c.keyword);
  }
  const rows = keywords.map((keyword) => {
    const values = answered.map((p) => {
      const cap = p.capabilities.find((c) => c.keyword === keyword);
      return cap ? cap.params.join(' ') : null;
    });
    return { keyword, values, differs: new Set(values).size > 1 };
  });
  return { ports: answered.map((p) => p.port), rows };
}
