import { capabilityMatrix } from '../../src/report/capability-matrix';
import type { PortReport } from '../../src/report/types';

function port(port: number, caps: string[], answered = true): PortReport {
  return {
    port,
    mode: 'starttls',
    ...(answered ? { ehloCommand: 'EHLO' as const } : {}),
    capabilities: caps.map((c) => {
      const [keyword, ...params] = c.split(' ');
      return { keyword, params };
    }),
    starttls: { advertised: caps.includes('STARTTLS'), attempted: false, succeeded: false },
    timings: {},
    totalMs: 0,
    transcript: [],
  };
}

describe('capabilityMatrix', () => {
  it('lines up the reference thread ports and marks SIZE, STARTTLS and AUTH as different', () => {
    const m = capabilityMatrix([
      port(25, ['SIZE 62423040', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', '8BITMIME', 'BINARYMIME', 'CHUNKING']),
      port(587, ['SIZE 20971520', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', 'STARTTLS', 'AUTH NTLM', '8BITMIME', 'BINARYMIME', 'CHUNKING']),
    ]);
    expect(m.ports).toEqual([25, 587]);
    const byKey = Object.fromEntries(m.rows.map((r) => [r.keyword, r]));
    expect(byKey.SIZE).toEqual({ keyword: 'SIZE', values: ['62423040', '20971520'], differs: true });
    expect(byKey.STARTTLS).toEqual({ keyword: 'STARTTLS', values: [null, ''], differs: true });
    expect(byKey.AUTH.values).toEqual([null, 'NTLM']);
    expect(byKey.PIPELINING.differs).toBe(false);
    expect(m.rows.map((r) => r.keyword).slice(0, 4)).toEqual(['SIZE', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES']);
  });

  it('leaves out ports that never answered EHLO', () => {
    const m = capabilityMatrix([port(25, [], false), port(587, ['STARTTLS'])]);
    expect(m.ports).toEqual([587]);
    expect(m.rows).toEqual([{ keyword: 'STARTTLS', values: [''], differs: false }]);
  });
});
