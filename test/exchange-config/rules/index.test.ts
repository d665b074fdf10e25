import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseExchangePaste } from '../../../src/exchange-config/parse-paste';
import { asProbeReport } from '../../../src/exchange-config/probe-report';
import { ANALYSIS_FINDING_ID, RULES, RULE_BY_ID, type RuleFindingId } from '../../../src/exchange-config/rules';
import type { RuleContext } from '../../../src/exchange-config/rules/rule';
import { EXCHANGE_FINDING_IDS } from '../../../src/exchange-config/types';
import {
  certificate,
  ctx,
  DEFAULT_FRONTEND_EHLO,
  exoInbound,
  exoOutbound,
  fixture,
  frontend,
  hybridSend,
  OLD_ISSUER,
  parse,
  portReport,
  report,
  selfSigned,
  servedCertificate,
  WILDCARD_SUBJECT,
} from '../helpers/format-list';

/** Pastes (with and without a probe report) that together raise every finding id a rule raises. */
function everyRuleFinding(): RuleContext[] {
  const threadReport = asProbeReport(JSON.parse(fixture('thread-probe-report.json')));
  const pastes = readdirSync(join(__dirname, '../../fixtures/exchange')).filter((name) => name.endsWith('.txt')).map(fixture);
  const served = report([portReport(25, DEFAULT_FRONTEND_EHLO, servedCertificate())]);
  return [
    ...[...pastes, pastes.join('\n\n')].flatMap((text) => [ctx(parseExchangePaste(text)), ctx(parseExchangePaste(text), threadReport)]),
    ctx(parse(frontend({ TlsCertificateName: '' }), certificate(), selfSigned())),
    ctx(parse(frontend({ TlsCertificateName: 'mail.contoso.com' }), certificate())),
    ctx(parse(frontend({ TlsCertificateName: '<I>CN=SRVEX01<S>CN=SRVEX01' }), certificate(), selfSigned())),
    ctx(parse(frontend(), certificate({ Services: 'IIS' }))),
    ctx(parse(hybridSend({ RequireTLS: 'False', TlsAuthLevel: '', TlsDomain: '' }))),
    ctx(parse(hybridSend({ TlsDomain: 'outlook.com', CloudServicesMailEnabled: 'False', TlsCertificateName: '' }), certificate())),
    ctx(parse(hybridSend({ SmartHosts: '{smtp.office365.com}' }))),
    ctx(parse(exoInbound({ RequireTls: 'False' }))),
    ctx(parse(exoInbound({ TlsSenderCertificateName: '', SenderIPAddresses: '{203.0.113.25}' }), hybridSend(), certificate())),
    ctx(parse(exoInbound({ TlsSenderCertificateName: 'mail.fabrikam.com' }), hybridSend(), certificate())),
    ctx(parse(exoOutbound({ TlsSettings: '', TlsDomain: '' }), frontend(), certificate())),
    ctx(parse(frontend({ TlsCertificateName: `<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}` }), certificate()), served),
    ctx(parse(frontend({ Fqdn: 'SRVEX01.contoso.local' })), served),
  ];
}

describe('the Exchange rule registry', () => {
  const contexts = everyRuleFinding();
  const ruleIds = EXCHANGE_FINDING_IDS.filter((id): id is RuleFindingId => id !== ANALYSIS_FINDING_ID);

  it('has one rule per finding id but the analysis\'s own, and no rule under an id EXCHANGE_FINDING_IDS does not list', () => {
    expect(EXCHANGE_FINDING_IDS).toContain(ANALYSIS_FINDING_ID);
    expect(Object.keys(RULE_BY_ID).sort()).toEqual([...ruleIds].sort());
    expect(new Set(RULES).size).toBe(ruleIds.length);
  });

  it.each(ruleIds)('%s: its rule raises it and nothing else', (id) => {
    const raised = contexts.flatMap((c) => RULE_BY_ID[id](c)).map((f) => f.id);
    expect(raised.length).toBeGreaterThan(0);
    expect(new Set(raised)).toEqual(new Set([id]));
  });

  it('runs the rules in the order of EXCHANGE_FINDING_IDS', () => {
    const firstIds = RULES.map((rule) => contexts.flatMap((c) => rule(c))[0]?.id);
    expect(firstIds).toEqual(ruleIds);
  });
});
