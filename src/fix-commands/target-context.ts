/** What every remediation builder knows about the target. */
export interface TargetContext {
  /** Host name as the user gave it. */
  host: string;
  /** --servername: the name senders use, sent as SNI (the host itself when absent). */
  servername?: string;
  /** Ports the finding concerns. */
  ports: number[];
  mode: 'starttls' | 'implicit-tls';
}
