import { decide, DEFAULT_ALERT_SETTINGS, type AlertSettings, type Decision, type LiveIncident } from '../../src/watch/alert-policy';
import { initialWatchState, type WatchState } from '../../src/watch/watch-state';
import type { Report } from '../../src/report/types';
import { DAY, finding, report, stripped, T0, unreachable } from './helpers/reports';

/** Feeds reports through decide() the way the scheduler does, keeping state and the live incident. */
function watchRun(settings: AlertSettings = DEFAULT_ALERT_SETTINGS) {
  let state: WatchState = initialWatchState();
  let incident: LiveIncident | null = null;
  const results = new Map<number, Report>();
  let nextId = 1;
  return {
    get incident() {
      return incident;
    },
    get state() {
      return state;
    },
    step(r: Report, now = T0, muted = false): Decision {
      const resultId = nextId++;
      results.set(resultId, r);
      const load = (id: number | null) => (id === null ? null : results.get(id) ?? null);
      const d = decide({ state, incident, report: r, resultId, previous: load(state.lastResultId), lastGood: load(state.lastGoodResultId), now, muted, settings });
      state = d.state;
      const a = d.incident;
      if (a?.kind === 'open') incident = { id: resultId, problems: a.problems, openedAt: now, announced: a.announce };
      else if (a?.kind === 'update' || a?.kind === 'announce') incident = { ...incident!, problems: a.problems, announced: incident!.announced || a.kind === 'announce' };
      else if (a?.kind === 'resolve') incident = null;
      return d;
    },
  };
}

const healthy = () => report();

describe('decide: incidents', () => {
  it('stays quiet while a watch is healthy', () => {
    const w = watchRun();
    for (let i = 0; i < 3; i++) expect(w.step(healthy())).toMatchObject({ incident: null, notices: [] });
  });

  it('opens one incident when STARTTLS disappears, with the diff against the last good run', () => {
    const w = watchRun();
    w.step(healthy());
    const d = w.step(stripped());
    expect(d.incident).toMatchObject({ kind: 'open', announce: true, problems: [{ key: 'starttls-not-advertised@25', severity: 'critical' }] });
    expect(d.incident?.kind === 'open' && d.incident.changes).toEqual(expect.arrayContaining(['STARTTLS no longer advertised on 25', 'new: starttls-not-advertised on 25']));
    expect(w.step(stripped()).incident).toBeNull();
  });

  it('updates the incident when its problems change, and resolves it on a clean run with how long it lasted', () => {
    const w = watchRun();
    w.step(healthy(), T0);
    w.step(stripped(), T0 + 1000);
    const worse = report([{ caps: ['SIZE 10240000'] }], [finding('starttls-not-advertised', [25]), finding('capabilities-differ', [25], 'warning')]);
    const update = w.step(worse, T0 + 2000);
    expect(update.incident).toMatchObject({ kind: 'update', problems: [{ key: 'starttls-not-advertised@25' }, { key: 'capabilities-differ@25' }] });
    expect(update.incident?.kind === 'update' && update.incident.changes).toContain('new: capabilities-differ on 25');
    const resolved = w.step(healthy(), T0 + 3_600_000 + 1000);
    expect(resolved.incident).toMatchObject({ kind: 'resolve', durationMs: 3_600_000 });
    expect(w.incident).toBeNull();
  });

  it('opens at once on a first run that is already broken, with no diff', () => {
    const d = watchRun().step(stripped());
    expect(d.incident).toMatchObject({ kind: 'open', changes: [] });
  });

  it('leaves an expiring certificate to the thresholds instead of opening an incident', () => {
    const d = watchRun().step(report([{}], [finding('cert-expiring-soon', [25], 'warning')]));
    expect(d.incident).toBeNull();
  });
});

describe('decide: unreachable damping', () => {
  it('alerts only after N unreachable runs in a row', () => {
    const w = watchRun({ ...DEFAULT_ALERT_SETTINGS, unreachableRuns: 3 });
    w.step(healthy());
    expect(w.step(unreachable())).toMatchObject({ incident: null, damped: true, unreachableRuns: 1 });
    expect(w.step(unreachable())).toMatchObject({ incident: null, damped: true, unreachableRuns: 2 });
    expect(w.step(unreachable())).toMatchObject({ incident: { kind: 'open', problems: [{ id: 'port-unreachable' }] }, damped: false, unreachableRuns: 3 });
  });

  it('never alerts on flapping reachability', () => {
    const w = watchRun();
    for (let i = 0; i < 10; i++) {
      expect(w.step(i % 3 === 2 ? healthy() : unreachable()).incident).toBeNull();
    }
  });

  it('keeps an incident as it was through a damped run: no resolve, no update', () => {
    const w = watchRun();
    w.step(healthy());
    w.step(stripped());
    const d = w.step(unreachable());
    expect(d).toMatchObject({ incident: null, damped: true, noticesTo: 'incident-thread' });
    expect(w.incident?.problems.map((p) => p.key)).toEqual(['starttls-not-advertised@25']);
  });

  it('does not resolve on a run where another port could not be reached', () => {
    const w = watchRun();
    w.step(report([{ port: 25 }, { port: 587 }]));
    w.step(report([{ port: 25, caps: ['SIZE 1'] }, { port: 587 }], [finding('starttls-not-advertised', [25])]));
    const d = w.step(report([{ port: 25 }, { port: 587, down: true }], [finding('port-unreachable', [587])]));
    expect(d.incident).toBeNull();
    expect(w.incident).not.toBeNull();
  });
});

describe('decide: certificate notices', () => {
  const expiring = (thumbprint = 'AAAA', notAfter = new Date(T0 + 40 * DAY).toISOString()) => report([{ thumbprint, notAfter }]);
  const thresholdsAt = (w: ReturnType<typeof watchRun>, r: Report, now: number) =>
    w.step(r, now).notices.flatMap((n) => (n.kind === 'expiry-threshold' ? [n.threshold] : []));

  it('announces each expiry threshold once as the days run down', () => {
    const w = watchRun();
    const seen = [0, 11, 12, 20, 27, 28, 34, 35, 39.5, 39.6].map((d) => thresholdsAt(w, expiring(), T0 + d * DAY));
    expect(seen).toEqual([[], [30], [], [], [14], [], [7], [], [1], []]);
  });

  it('announces only the nearest threshold for a certificate first seen close to expiry', () => {
    const w = watchRun();
    expect(thresholdsAt(w, expiring('BBBB', new Date(T0 + 5 * DAY).toISOString()), T0)).toEqual([7]);
    expect(thresholdsAt(w, expiring('BBBB', new Date(T0 + 5 * DAY).toISOString()), T0 + DAY)).toEqual([]);
  });

  it('remembers fired thresholds through runs where the port did not answer', () => {
    const w = watchRun();
    expect(thresholdsAt(w, expiring(), T0 + 11 * DAY)).toEqual([30]);
    w.step(unreachable(), T0 + 11.5 * DAY);
    expect(thresholdsAt(w, expiring(), T0 + 12 * DAY)).toEqual([]);
  });

  it('reports a renewal with old and new thumbprint and expiry, and starts the thresholds afresh', () => {
    const w = watchRun();
    thresholdsAt(w, expiring('OLD', new Date(T0 + 20 * DAY).toISOString()), T0);
    const renewed = w.step(expiring('NEW', new Date(T0 + 100 * DAY).toISOString()), T0 + DAY);
    expect(renewed.notices).toEqual([
      {
        kind: 'certificate-renewed',
        ports: [25],
        before: { thumbprint: 'OLD', notAfter: new Date(T0 + 20 * DAY).toISOString() },
        after: expect.objectContaining({ thumbprint: 'NEW', notAfter: new Date(T0 + 100 * DAY).toISOString() }),
      },
    ]);
    expect(w.state.expiryFired).toEqual({ NEW: [] });
    expect(thresholdsAt(w, expiring('NEW', new Date(T0 + 100 * DAY).toISOString()), T0 + 71 * DAY)).toEqual([30]);
  });

  it('reports capabilities that changed since the port last answered, not those hidden by an outage', () => {
    const w = watchRun();
    w.step(report([{ caps: ['SIZE 100', 'PIPELINING', 'STARTTLS'] }]));
    w.step(unreachable());
    expect(w.step(report([{ caps: ['SIZE 100', 'PIPELINING', 'STARTTLS'] }])).notices).toEqual([]);
    const d = w.step(report([{ caps: ['SIZE 200', 'STARTTLS', 'CHUNKING'] }]));
    expect(d.notices).toEqual([{ kind: 'capabilities-changed', port: 25, changes: ['SIZE on 25: 100 → 200', 'CHUNKING now advertised on 25', 'PIPELINING no longer advertised on 25'] }]);
    expect(d.noticesTo).toBe('channel');
  });
});

describe('decide: mute', () => {
  it('records an incident opened during a mute without announcing it, and announces it once the mute is over', () => {
    const w = watchRun();
    w.step(healthy());
    expect(w.step(stripped(), T0, true)).toMatchObject({ incident: { kind: 'open', announce: false }, noticesTo: 'nowhere' });
    expect(w.step(stripped(), T0, true).incident).toBeNull();
    expect(w.step(stripped(), T0, false).incident).toMatchObject({ kind: 'announce' });
    expect(w.step(stripped(), T0, false).incident).toBeNull();
  });

  it('drops notices while muted with no incident under way', () => {
    const w = watchRun();
    w.step(report([{ caps: ['SIZE 100', 'STARTTLS'] }]));
    expect(w.step(report([{ caps: ['SIZE 200', 'STARTTLS'] }]), T0, true)).toMatchObject({ noticesTo: 'nowhere', notices: [{ kind: 'capabilities-changed' }] });
  });
});
