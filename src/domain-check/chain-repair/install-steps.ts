import type { Command, Platform, Remediation } from '../../fix-commands/types';
import { powershell, sh } from '../../fix-commands/command';
import { RESTART_FRONTEND } from '../../fix-commands/exchange-commands';
import { opensslCheck } from '../../fix-commands/openssl';
import { posixShellLiteral, powershellLiteral } from '../../fix-commands/quoting';
import { selectRemediation } from '../../fix-commands/select';
import type { ChainRepair, NamedIntermediate } from '../types';

/** A file name from the intermediate's CN: letters, digits and dashes only. */
export function intermediateFileName(intermediate: NamedIntermediate): string {
  const cn = /(?:^|, )CN=([^,]+)/.exec(intermediate.subject)?.[1] ?? 'intermediate';
  const name = cn.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return name === '' ? 'intermediate' : name.slice(0, 64);
}

/**
 * Per-platform steps to serve the named intermediates after the leaf: the
 * detected platform first, then generic ones. URLs come from the certificate,
 * so they enter commands only as quoted literals.
 */
export function intermediateInstallSteps(repair: ChainRepair, platform: Platform): Remediation[] {
  const list = repair.intermediates;
  const names = list.map((i) => `${i.subject} (SHA-256 ${i.sha256Fingerprint})`).join(', then ');
  const problem = `${repair.host} sends ${repair.leafSubject} without the intermediate that issued it; install ${names} after the leaf.`;
  const target = { host: repair.host, ports: [repair.port], mode: repair.port === 465 ? ('implicit-tls' as const) : ('starttls' as const) };
  const unixFetch = (dir: string): Command[] =>
    list.map((i) => {
      const url = posixShellLiteral(i.url);
      const file = `${dir}/${intermediateFileName(i)}.pem`;
      return sh(url ? `curl -fsS ${url} | openssl x509 ${i.format === 'der' ? '-inform DER ' : ''}-out ${file}` : `# save the PEM of ${intermediateFileName(i)} from the report as ${file}`);
    });
  const append = (dir: string, into: string): Command[] => list.map((i) => sh(`cat ${dir}/${intermediateFileName(i)}.pem >> ${into}`));

  return selectRemediation(
    platform,
    {
      'exchange-onprem': () => ({
        platform: 'exchange-onprem',
        steps: [
          problem,
          'Exchange (SChannel) sends the intermediates it finds in the computer\'s Intermediate Certification Authorities store. On every Exchange server that answers SMTP, import the intermediate there, then restart the Frontend Transport service.',
        ],
        commands: [
          ...list.flatMap((i) => {
            const file = `'C:\\temp\\${intermediateFileName(i)}.cer'`;
            const url = powershellLiteral(i.url);
            return [
              ...(url ? [powershell(`Invoke-WebRequest -Uri ${url} -OutFile ${file}`)] : []),
              powershell(`Import-Certificate -FilePath ${file} -CertStoreLocation Cert:\\LocalMachine\\CA`),
            ];
          }),
          RESTART_FRONTEND,
        ],
      }),
      postfix: () => ({
        platform: 'postfix',
        steps: [
          problem,
          'Append the intermediate after the leaf: in the chain file listed in smtpd_tls_chain_files (after the key and leaf), or in the smtpd_tls_cert_file file. Then reload Postfix.',
        ],
        commands: [
          sh('postconf smtpd_tls_chain_files smtpd_tls_cert_file'),
          ...unixFetch('/etc/postfix'),
          ...append('/etc/postfix', '<certificate file shown by postconf>'),
          sh('postfix reload'),
        ],
      }),
      exim: () => ({
        platform: 'exim',
        steps: [problem, 'Append the intermediate after the leaf in the file tls_certificate names, then restart Exim.'],
        commands: [
          sh('exim -bP tls_certificate'),
          ...unixFetch('/etc/exim4'),
          ...append('/etc/exim4', '<file shown by exim -bP tls_certificate>'),
          sh('systemctl restart exim4'),
        ],
      }),
    },
    {
      platform: 'any',
      steps: [
        problem,
        'Configure the server (or the device terminating TLS in front of it) to send the leaf followed by this intermediate. The -showcerts output should then list more than one certificate.',
      ],
      commands: [...unixFetch('.'), opensslCheck(target)],
    },
  );
}
