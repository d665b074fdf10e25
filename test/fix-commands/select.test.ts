import { selectRemediation } from '../../src/fix-commands/select';
import type { Remediation } from '../../src/fix-commands/types';

const entry = (platform: Remediation['platform']): Remediation => ({ platform, steps: [platform], commands: [] });
const entries = {
  'exchange-onprem': () => entry('exchange-onprem'),
  postfix: () => entry('postfix'),
  'cisco-asa': () => entry('cisco-asa'),
};

describe('selectRemediation', () => {
  it('puts the fingerprinted platform first, then any', () => {
    expect(selectRemediation('postfix', entries, entry('any')).map((r) => r.platform)).toEqual(['postfix', 'any']);
  });

  it('gives the generic entry first when the platform is unknown, then every mail server entry marked as a guess, never the ASA one', () => {
    const selected = selectRemediation('unknown', entries, entry('any'));
    expect(selected.map((r) => r.platform)).toEqual(['any', 'exchange-onprem', 'postfix']);
    expect(selected.map((r) => r.guess ?? false)).toEqual([false, true, true]);
  });

  it('never marks the entry of a recognised platform as a guess', () => {
    expect(selectRemediation('postfix', entries, entry('any')).map((r) => r.guess ?? false)).toEqual([false, false]);
  });

  it('gives only any to a known platform without an entry of its own', () => {
    expect(selectRemediation('exim', entries, entry('any')).map((r) => r.platform)).toEqual(['any']);
  });
});
