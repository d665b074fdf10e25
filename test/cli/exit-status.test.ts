import { exitStatus } from '../../src/cli/exit-status';

describe('exitStatus', () => {
  it('follows the Nagios convention with the worst verdict winning', () => {
    expect(exitStatus([])).toBe(0);
    expect(exitStatus(['ok'])).toBe(0);
    expect(exitStatus(['ok', 'warning'])).toBe(1);
    expect(exitStatus(['critical', 'warning'])).toBe(2);
    expect(exitStatus(['unknown', 'warning'])).toBe(3);
    expect(exitStatus(['critical', 'unknown'])).toBe(2);
  });
});
