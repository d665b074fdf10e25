import type { Command } from './types';
import { sh } from './command';
import type { TargetContext } from './target-context';
import { commandDnsName, commandHost, hostPort } from './quoting';

/** An openssl s_client line that shows the served chain and the verification result. */
export function opensslCheck(target: TargetContext, port = target.ports[0] ?? 25): Command {
  const host = commandHost(target.host) ?? '<host>';
  const starttls = target.mode === 'starttls' ? ' -starttls smtp' : '';
  const name = commandDnsName(target.servername ?? target.host);
  const sni = name ? ` -servername ${name}` : '';
  return sh(`openssl s_client -connect ${hostPort(host, port)}${starttls}${sni} -showcerts </dev/null`);
}
