/**
 * Values shaped like the examples in .env.example and the docs ("xoxb-your-bot-token",
 * "your-signing-secret", "xapp-xxx-changeme"): never a credential Slack issued. Only whole
 * dash-separated words count, so a random token tail cannot trip it.
 */
const PLACEHOLDER = /(?:^|[-_])(?:your|example|placeholder|changeme|replace|todo|x{3,})(?:[-_]|$)|\.\.\.|…|[<>]/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}
