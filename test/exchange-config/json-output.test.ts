import { analyzeExchangeText } from '../../src/exchange-config/analyze';
import { analysisJson } from '../../src/exchange-config/json-output';
import { fixture, NOW } from './helpers/format-list';

describe('analysisJson', () => {
  it('lists what was read by identity and carries the findings, without the pasted property values', () => {
    const json = analysisJson(analyzeExchangeText(fixture('receive-connectors-srvex01.txt'), undefined, { now: NOW }));
    expect(json).toMatchObject({ schemaVersion: 2, recognised: true, verdict: 'warning', joined: false });
    expect(json.objects.receiveConnectors).toContain('SRVEX01\\Relay SRVEX01');
    expect(json.objects.certificates).toEqual([]);
    expect(json.findings.map((f) => f.id)).toEqual(['receive-connector-no-tls', 'receive-connectors-overlap']);
    expect(JSON.stringify(json)).not.toContain('RunspaceId');
  });

  it('names an unnamed connector by its bindings', () => {
    const json = analysisJson(analyzeExchangeText(fixture('thread-receive-connector-extract.txt'), undefined, { now: NOW }));
    expect(json.objects.receiveConnectors).toEqual(['(unnamed) {[::]:25, 0.0.0.0:25}']);
  });
});
