/** One dependency the bot needs to do its work; throws (with the reason) when it is not usable now. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void> | void;
}

export interface ReadinessResult {
  ready: boolean;
  /** "ok" or the reason, per check. */
  checks: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 2000;

/** Runs every check at once, each bounded in time: a hung database is "not ready", not a hung probe. */
export async function readiness(checks: ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessResult> {
  const results = await Promise.all(checks.map(async (c) => [c.name, await outcome(c, timeoutMs)] as const));
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

async function outcome(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()).then(() => 'ok'), timeout]);
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 300);
  } finally {
    clearTimeout(timer);
  }
}
