import { starttlsStripped } from '../../../src/diagnosis/rules/starttls-stripped';
import { commandLines } from '../../../src/fix-commands/command';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { asaMasked } from '../../fixtures/transcripts/middlebox';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('starttls-stripped', () => {
  const [finding] = starttlsStripped(diagnosisInput([asaMasked()]));

  it('fires critical on the ASA-masked port', () => {
    expect(finding).toMatchObject({ id: 'starttls-stripped', severity: 'critical', ports: [25] });
    expect(finding.title).toBe('A firewall or proxy in the path removes STARTTLS on port 25');
  });

  it('quotes the masked banner, the XXXXXXXA keyword and the 500 to STARTTLS', () => {
    expect(finding.evidence[0]).toMatch(/^port 25: the banner is masked with asterisks \(220 \*{10,}/);
    expect(finding.evidence).toContain('port 25: EHLO lists the masked keyword XXXXXXXA, as long as STARTTLS');
    expect(finding.evidence).toContain(
      'port 25: STARTTLS sent anyway was answered 500 5.3.3 Unrecognized command (the command reached the server rewritten, as a masking firewall does)',
    );
  });

  it('gives the ASA commands first, then other middleboxes and ISP stripping', () => {
    expect(finding.remediation.map((r) => r.platform)).toEqual(['cisco-asa', 'any']);
    expect(commandLines(finding.remediation[0].commands)).toEqual([
      'asa# show service-policy inspect esmtp',
      'asa# configure terminal',
      'asa(config)# policy-map type inspect esmtp <map>',
      'asa(config-pmap)# parameters',
      'asa(config-pmap-p)# allow-tls',
      'asa(config-pmap-p)# exit',
      'asa(config-pmap)# exit',
      'asa(config)# policy-map global_policy',
      'asa(config-pmap)# class inspection_default',
      'asa(config-pmap-c)# inspect esmtp <map>',
      'asa(config-pmap-c)# end',
      'asa# write memory',
    ]);
    const any = finding.remediation[1].steps.join(' ');
    expect(any).toMatch(/FortiGate/);
    expect(any).toMatch(/WatchGuard/);
    expect(any).toMatch(/ISPs strip STARTTLS/);
    expect(any).toMatch(/another network/);
  });

  it('fires on a masked keyword without a masked banner', () => {
    const probe = probeFromTranscript({
      port: 587,
      transcript: `
        220 mx.example.org ESMTP Postfix
        250-mx.example.org
        250-XXXXXXXA
        250 PIPELINING
      `,
    });
    expect(starttlsStripped(diagnosisInput([probe])).map((f) => f.ports)).toEqual([[587]]);
  });

  it('does not fire for a plain server with STARTTLS', () => {
    expect(starttlsStripped(diagnosisInput([postfixDebian()]))).toEqual([]);
  });
});
