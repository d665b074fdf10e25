import { isIP } from 'node:net';
import type { TargetContext } from './context';
import { commandHost, hostPort } from './quoting';

/** An openssl s_client line that shows the served chain and the verification result. */
export function opensslCheck(target: TargetContext, port = target.ports[0] ?? 25): string {
  const host = commandHost(target.host) ?? '<host>';
  const starttls = target.mode === 'starttls' ? ' -starttls smtp' : '';
  const sni = host !== '<host>' && isIP(host) !== 0 ? '' : ` -servername ${host}`;
  return `openssl s_client -connect ${hostPort(host, port)}${starttls}${sni} -showcerts </dev/null`;
}
