import { describeChange, diffReports } from '../report/diff-reports';
import type { Report } from '../report/types';
import type { Notice } from './notices';
import { capabilityNotices, expiryNotices, pruneFired, rememberPorts, renewalNotices } from './port-memory';
import { isReachabilityProblem, reportProblems, sameProblems, type ProblemSummary } from './problems';
import type { WatchState } from './watch-state';

export interface AlertSettings {
  /** Days before expiry at which to warn, each once per certificate. */
  expiryThresholdsDays: number[];
  /** Runs in a row a host must be unreachable before that alone is alerted on. */
  unreachableRuns: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { expiryThresholdsDays: [30, 14, 7, 1], unreachableRuns: 3 };

/** The watch's live (open or acknowledged) incident as the policy needs it. */
export interface LiveIncident {
  id: number;
  problems: ProblemSummary[];
  openedAt: number;
  /** False while it was opened during a mute and nobody has been told yet. */
  announced: boolean;
}

export interface PolicyInput {
  state: WatchState;
  incident: LiveIncident | null;
  report: Report;
  resultId: number;
  /** The report of state.lastResultId. */
  previous: Report | null;
  /** The report of state.lastGoodResultId. */
  lastGood: Report | null;
  now: number;
  muted: boolean;
  settings: AlertSettings;
}

export type IncidentAction =
  /** New problems on a healthy watch, `changes` since the last good run; `announce` false while muted (recorded, not posted). */
  | { kind: 'open'; problems: ProblemSummary[]; changes: string[]; announce: boolean }
  /** The problems changed: a reply in the incident's thread (`changes`, since the previous run) and a fresh parent (`sinceGood`). */
  | { kind: 'update'; problems: ProblemSummary[]; changes: string[]; sinceGood: string[] }
  /** An incident opened during a mute that is still live when the mute ends: alert now. */
  | { kind: 'announce'; problems: ProblemSummary[]; changes: string[] }
  /** A clean run; `changes` since the previous run. */
  | { kind: 'resolve'; changes: string[]; durationMs: number };

export interface Decision {
  state: WatchState;
  incident: IncidentAction | null;
  /** Renewals, thresholds and capability changes seen on this run. */
  notices: Notice[];
  /** Where notices go when there is no incident action to fold them into. */
  noticesTo: 'incident-thread' | 'channel' | 'nowhere';
  /** True when reachability findings were held back (not yet N runs in a row): nothing resolves on such a run. */
  damped: boolean;
  unreachableRuns: number;
}

/**
 * Alert on change, not on every run. Pure: the scheduler loads the inputs and
 * applies the decision (state, incident row, outbox messages) in one transaction.
 */
export function decide(input: PolicyInput): Decision {
  const { state, incident, report, now, settings } = input;
  const found = reportProblems(report);
  const reachability = found.filter(isReachabilityProblem);
  const unreachableRuns = reachability.length > 0 ? state.consecutiveUnreachable + 1 : 0;
  const damped = reachability.length > 0 && unreachableRuns < settings.unreachableRuns;
  const problems = damped ? withCarriedProblems(found, reachability, incident) : found;

  const memory = rememberPorts(state.ports, report);
  const expiry = expiryNotices(state.expiryFired, report, now, settings.expiryThresholdsDays);
  const notices = [...renewalNotices(state.ports, report), ...expiry.notices, ...capabilityNotices(state.ports, report)];
  const next: WatchState = {
    consecutiveUnreachable: unreachableRuns,
    lastResultId: damped ? state.lastResultId : input.resultId,
    lastGoodResultId: !damped && problems.length === 0 ? input.resultId : state.lastGoodResultId,
    ports: memory,
    expiryFired: pruneFired(expiry.fired, memory),
  };

  const action = incidentAction(input, problems, damped);
  const announced = incident?.announced ?? false;
  // A mute keeps new alerts out of the channel; a thread already under way stays current.
  const noticesTo = incident && announced && action?.kind !== 'resolve' ? 'incident-thread' : input.muted ? 'nowhere' : 'channel';
  return { state: next, incident: action, notices, noticesTo, damped, unreachableRuns };
}

function incidentAction(input: PolicyInput, problems: ProblemSummary[], damped: boolean): IncidentAction | null {
  const { incident, report } = input;
  const since = (base: Report | null) => (base ? diffReports(base, report).map(describeChange) : []);
  if (!incident) {
    if (problems.length === 0) return null;
    return { kind: 'open', problems, changes: since(input.lastGood), announce: !input.muted };
  }
  if (problems.length === 0) return damped ? null : { kind: 'resolve', changes: since(input.previous), durationMs: input.now - incident.openedAt };
  if (!incident.announced && !input.muted) return { kind: 'announce', problems, changes: since(input.lastGood) };
  if (!sameProblems(problems, incident.problems)) return { kind: 'update', problems, changes: since(input.previous), sinceGood: since(input.lastGood) };
  return null;
}

/**
 * On a damped run the unreachable ports tell us nothing: their problems in the
 * live incident are assumed unchanged, and their reachability findings are held back.
 */
function withCarriedProblems(found: ProblemSummary[], reachability: ProblemSummary[], incident: LiveIncident | null): ProblemSummary[] {
  const blind = new Set(reachability.flatMap((p) => p.ports));
  const seen = found.filter((p) => !isReachabilityProblem(p));
  const keys = new Set(seen.map((p) => p.key));
  const carried = (incident?.problems ?? []).filter((p) => !keys.has(p.key) && p.ports.some((port) => blind.has(port)));
  return [...seen, ...carried];
}
