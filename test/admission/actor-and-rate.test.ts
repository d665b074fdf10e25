import { judgeActor } from '../../src/admission/actor-policy';
import { MemoryRateWindows, RateLimiter } from '../../src/admission/rate-limiter';

describe('actor policy', () => {
  it('allows everyone everywhere when no lists are set', () => {
    expect(() => judgeActor({ allowedChannels: [], allowedUsers: [] }, 'C1', 'U1')).not.toThrow();
  });

  it('restricts to listed channels and users', () => {
    const p = { allowedChannels: ['COPS'], allowedUsers: ['UADMIN'] };
    expect(() => judgeActor(p, 'CRANDOM', 'UADMIN')).toThrow(expect.objectContaining({ code: 'POLICY_CHANNEL_NOT_ALLOWED' }));
    expect(() => judgeActor(p, 'COPS', 'UOTHER')).toThrow(expect.objectContaining({ code: 'POLICY_USER_NOT_ALLOWED' }));
    expect(() => judgeActor(p, 'COPS', 'UADMIN')).not.toThrow();
  });
});

describe('rate limiter', () => {
  it('allows N checks per window per user, then says when to try again', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ checks: 2, perSeconds: 60 }, new MemoryRateWindows(), () => now);
    await limiter.take('U1');
    now += 10_000;
    await limiter.take('U1');
    await limiter.take('U2');
    await expect(limiter.take('U1')).rejects.toThrow('try again in 50 s');
    now += 50_000;
    await expect(limiter.take('U1')).resolves.toBeUndefined();
  });
});
