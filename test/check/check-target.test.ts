import { checkRequest } from '../../src/check/check-request';
import { checkTarget } from '../../src/check/check-target';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

let smtp: RunningServer;
beforeAll(async () => {
  smtp = await startSmtpServer({ name: 'mx.example.test', hideSTARTTLS: true });
});
afterAll(() => smtp.close());

describe('checkTarget', () => {
  it('connects to the given address without resolving the name, which still names the target', async () => {
    // `.invalid` never resolves (RFC 2606): only the given address can make this work.
    const report = await checkTarget(checkRequest('mx.rebind.invalid', [smtp.port], { address: '127.0.0.1' }));
    expect(report.host).toBe('mx.rebind.invalid');
    expect(report.ports[0]).toMatchObject({ address: '127.0.0.1', banner: [expect.stringContaining('mx.example.test')] });
    expect(report.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['starttls-not-advertised']));
  });
});
