import { analyzeExchangeText } from '../../src/exchange-config/analyze';
import { plainTextFromSlack } from '../../src/slack/pasted-text';
import { fixture, NOW } from '../exchange-config/helpers/format-list';

/** What Slack puts in `event.text` for a pasted block: escaped brackets, linked host names, code fences. */
function asSlackSends(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `\`\`\`${escaped.replace(/\b(mail\.contoso\.com)\b/g, '<http://$1|$1>')}\`\`\``;
}

describe('plainTextFromSlack', () => {
  it('undoes Slack escaping and links', () => {
    expect(plainTextFromSlack('TlsCertificateName : &lt;I&gt;CN=R3, O=Let\'s Encrypt&lt;S&gt;CN=&lt;x&gt; &amp; co')).toBe("TlsCertificateName : <I>CN=R3, O=Let's Encrypt<S>CN=<x> & co");
    expect(plainTextFromSlack('Fqdn : <http://mail.contoso.com|mail.contoso.com>')).toBe('Fqdn : mail.contoso.com');
    expect(plainTextFromSlack('see <https://learn.microsoft.com/x>')).toBe('see https://learn.microsoft.com/x');
    expect(plainTextFromSlack('<mailto:admin@contoso.com|admin@contoso.com>')).toBe('admin@contoso.com');
  });

  it('lets a paste sent through Slack, in a code block, be analysed like the file', () => {
    const text = fixture('receive-connectors-srvex01.txt');
    const direct = analyzeExchangeText(text, undefined, { now: NOW });
    const viaSlack = analyzeExchangeText(plainTextFromSlack(asSlackSends(text)), undefined, { now: NOW });
    expect(viaSlack.findings).toEqual(direct.findings);
    expect(viaSlack.config.receiveConnectors.map((rc) => rc.fqdn)).toContain('mail.contoso.com');
    expect(viaSlack.config.receiveConnectors).toHaveLength(6);
  });
});
