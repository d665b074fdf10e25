/** Changes worth telling the channel about that are not problems in themselves. */
export type Notice =
  | {
      kind: 'certificate-renewed';
      ports: number[];
      before: { thumbprint: string; notAfter?: string };
      after: { thumbprint: string; notAfter: string; subject: string };
    }
  | { kind: 'expiry-threshold'; ports: number[]; thumbprint: string; subject: string; notAfter: string; daysLeft: number; threshold: number }
  | { kind: 'capabilities-changed'; port: number; changes: string[] };

/** One line of plain text per notice; front ends escape it. */
export function describeNotice(n: Notice): string {
  switch (n.kind) {
    case 'certificate-renewed':
      return `certificate renewed on ${portList(n.ports)}: thumbprint ${n.before.thumbprint} → ${n.after.thumbprint}, expiry ${day(n.before.notAfter)} → ${day(n.after.notAfter)}`;
    case 'expiry-threshold':
      return n.daysLeft <= 0
        ? `certificate on ${portList(n.ports)} (${n.subject}) expired on ${day(n.notAfter)}`
        : `certificate on ${portList(n.ports)} (${n.subject}) expires in ${daysText(n.daysLeft)} (${day(n.notAfter)}): crossed the ${n.threshold}-day threshold`;
    case 'capabilities-changed':
      return `capabilities changed on port ${n.port}: ${n.changes.join('; ')}`;
  }
}

function portList(ports: number[]): string {
  return ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(', ')}`;
}

function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : 'unknown';
}

function daysText(days: number): string {
  const whole = Math.floor(days);
  return whole < 1 ? 'less than a day' : `${whole} day${whole === 1 ? '' : 's'}`;
}
