/** Bounds that keep a hostile or broken server from hanging a probe or growing its memory. */
export interface ProbeLimits {
  /** Longest reply line accepted, CRLF excluded (RFC 5321 asks for 512; real servers stay far below this). */
  maxLineBytes: number;
  /** Most lines in one reply. */
  maxReplyLines: number;
  /** Most bytes read from the server over the whole session. */
  maxSessionBytes: number;
  /** Most transcript entries kept per port. */
  maxTranscriptEntries: number;
  /** Longest transcript entry kept; longer text is cut with a marker. */
  maxTranscriptText: number;
}

export const DEFAULT_LIMITS: ProbeLimits = {
  maxLineBytes: 4096,
  maxReplyLines: 256,
  maxSessionBytes: 256 * 1024,
  maxTranscriptEntries: 400,
  maxTranscriptText: 512,
};

export interface ProbeTimeouts {
  /** Deadline for the whole probe of one port. */
  totalMs: number;
  /** Deadline for each step other than the greeting. */
  stepMs: number;
  /** The greeting may legitimately be delayed 15 to 20 s by anti-spam greet-pause. */
  greetingMs: number;
}

export const DEFAULT_TIMEOUTS: ProbeTimeouts = {
  totalMs: 30_000,
  stepMs: 10_000,
  greetingMs: 25_000,
};
