import { asProbeReport } from '../../src/exchange-config/probe-report';
import { fixture } from './helpers/format-list';

describe('asProbeReport', () => {
  it('accepts a starttls probe --json report', () => {
    const report = asProbeReport(JSON.parse(fixture('thread-probe-report.json')));
    expect(report?.host).toBe('mail.xxxxx.com');
    expect(report?.ports.map((p) => p.port)).toEqual([25, 587]);
  });

  it.each([
    ['an array', []],
    ['another schema', { schemaVersion: 3, host: 'x', ports: [] }],
    ['ports without capabilities', { schemaVersion: 1, host: 'x', ports: [{ port: 25, starttls: { advertised: false } }] }],
    ['a certificate without names', { schemaVersion: 1, host: 'x', ports: [{ port: 25, capabilities: [], starttls: { advertised: true }, certificate: { subject: 'CN=x' } }] }],
  ])('rejects %s', (_what, value) => {
    expect(asProbeReport(value)).toBeUndefined();
  });
});
