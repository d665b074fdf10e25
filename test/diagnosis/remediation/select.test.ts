import { selectRemediation } from '../../../src/diagnosis/remediation/select';
import type { Remediation } from '../../../src/diagnosis/types';

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

  it('offers every mail server entry when the platform is unknown, never the ASA one', () => {
    expect(selectRemediation('unknown', entries, entry('any')).map((r) => r.platform)).toEqual(['exchange-onprem', 'postfix', 'any']);
  });

  it('gives only any to a known platform without an entry of its own', () => {
    expect(selectRemediation('exim', entries, entry('any')).map((r) => r.platform)).toEqual(['any']);
  });
});
