import { asa, commandLines, ems, exo, fileLine, powershell, promptOf, sh, uniqueCommands } from '../../src/fix-commands/command';

describe('the prompt convention', () => {
  it('gives each shell its own prompt', () => {
    expect(promptOf(sh('postfix reload'))).toBe('$ ');
    expect(promptOf(powershell('Restart-Service MSExchangeFrontEndTransport'))).toBe('PS> ');
    expect(promptOf(ems('Get-ReceiveConnector'))).toBe('[EMS] PS> ');
    expect(promptOf(exo('Get-InboundConnector'))).toBe('[EXO] PS> ');
    expect(promptOf(asa('show running-config'))).toBe('asa# ');
    expect(promptOf(asa('parameters', 'config-pmap'))).toBe('asa(config-pmap)# ');
    expect(promptOf(fileLine('/etc/mail/sendmail.mc', "define(`X', `Y')"))).toBe('');
  });

  it('shows configuration-file lines under the file, without a prompt', () => {
    expect(
      commandLines([
        sh('exim -bP tls_certificate'),
        fileLine('/etc/smtpd.conf', 'pki a cert "/x"'),
        fileLine('/etc/smtpd.conf', 'pki a key "/y"'),
        sh('smtpd -n'),
        fileLine('/etc/smtpd.conf', 'listen on egress'),
      ]),
    ).toEqual(['$ exim -bP tls_certificate', 'in /etc/smtpd.conf:', '  pki a cert "/x"', '  pki a key "/y"', '$ smtpd -n', 'in /etc/smtpd.conf:', '  listen on egress']);
  });

  it('shows commands of reports stored before shells existed without a prompt', () => {
    expect(commandLines(['postfix reload', ems('Get-ExchangeCertificate')])).toEqual(['postfix reload', '[EMS] PS> Get-ExchangeCertificate']);
  });

  it('cleans the command text only, never the prompt', () => {
    expect(commandLines([ems('Get-X \u0007')], (t) => t.replace(/\u0007/g, '\\x07'))).toEqual(['[EMS] PS> Get-X \\x07']);
  });

  it('drops repeated commands of the same shell only', () => {
    expect(uniqueCommands([sh('a'), powershell('a'), sh('a')])).toEqual([sh('a'), powershell('a')]);
  });
});
