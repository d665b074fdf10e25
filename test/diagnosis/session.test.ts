import { classifySession } from '../../src/diagnosis/session';
import { failedProbe, probeFromTranscript } from '../fixtures/transcripts/builder';
import { referenceThreadPort25 } from '../fixtures/transcripts/exchange';
import { connectRefused, greeting421, greeting554, resetBeforeGreeting, tarpit } from '../fixtures/transcripts/failures';

describe('classifySession', () => {
  it('gives exactly one outcome per way a session can end before TLS', () => {
    expect(classifySession(connectRefused(25)).kind).toBe('unreachable');
    expect(classifySession(failedProbe(25, { code: 'PROBE_DNS_FAILURE', step: 'resolve', message: 'ENOTFOUND' })).kind).toBe('unreachable');
    expect(classifySession(failedProbe(25, { code: 'PROBE_TIMEOUT', step: 'connect', message: 't' })).kind).toBe('unreachable');
    expect(classifySession(greeting554())).toMatchObject({ kind: 'greeting-rejected' });
    expect(classifySession(greeting421())).toMatchObject({ kind: 'not-testable', reason: 'greeting-421' });
    expect(classifySession(tarpit())).toMatchObject({ kind: 'not-testable', reason: 'greeting-timeout' });
    expect(classifySession(resetBeforeGreeting())).toMatchObject({ kind: 'not-testable', reason: 'greeting-closed' });
    expect(classifySession(referenceThreadPort25())).toMatchObject({ kind: 'answered' });
  });

  it('treats a 4xx EHLO answer other than 421 as temporary, and HELO-only as answered', () => {
    const deferred = probeFromTranscript({ port: 25, transcript: '220 x\n> EHLO a\n450 4.7.1 try later' });
    expect(classifySession(deferred)).toMatchObject({ kind: 'not-testable', reason: 'ehlo-temporary' });
    const helo = probeFromTranscript({ port: 25, transcript: '220 x\n> EHLO a\n500 no\n> HELO a\n250 x' });
    expect(classifySession(helo)).toMatchObject({ kind: 'answered' });
  });

  it('keeps an implicit-TLS handshake failure before the greeting apart', () => {
    const probe = probeFromTranscript({
      port: 465,
      mode: 'implicit-tls',
      transcript: '',
      error: { code: 'PROBE_TLS_FAILED', step: 'tls-handshake', message: 'wrong version number' },
    });
    expect(classifySession(probe).kind).toBe('tls-failed-first');
  });
});
