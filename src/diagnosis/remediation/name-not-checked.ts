import type { Remediation } from '../../fix-commands/types';
import { sh } from '../../fix-commands/command';
import { MX_NAME_PLACEHOLDER, commandHost, hostPort } from '../../fix-commands/quoting';

export interface NameNotCheckedContext {
  /** The IP literal probed. */
  host: string;
  ports: number[];
}

/**
 * cert-name-not-checked: probe again with the name senders use. Only `any`: the step is the
 * same whatever the server runs. The name stays a placeholder: nothing observed says which one it is.
 */
export function nameNotCheckedRemediation(ctx: NameNotCheckedContext): Remediation[] {
  const host = commandHost(ctx.host) ?? '<address>';
  const port = ctx.ports[0] ?? 25;
  return [
    {
      platform: 'any',
      steps: [
        'Senders check the certificate against the name they connected to (the MX host name, or a connector\'s TlsDomain), never against an address.',
        'Probe again with --servername set to that name: it is sent as SNI, so the server picks the certificate it shows senders, and the certificate must cover it.',
      ],
      commands: [
        sh(`starttls probe ${host} ${ctx.ports.join(' ')} --servername ${MX_NAME_PLACEHOLDER}`),
        sh(`openssl s_client -connect ${hostPort(host, port)}${port === 465 ? '' : ' -starttls smtp'} -servername ${MX_NAME_PLACEHOLDER} -verify_hostname ${MX_NAME_PLACEHOLDER} </dev/null`),
      ],
    },
  ];
}
