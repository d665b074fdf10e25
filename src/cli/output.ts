/** Where a command writes: data to `out`, progress and errors to `err`. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: bulk mode draws a progress bar there. */
  errIsTTY?: boolean;
  /** Colour and emphasis on stdout (a terminal, or FORCE_COLOR; never with NO_COLOR). */
  colour?: boolean;
  /** Terminal width for help text; 80 when not a terminal. */
  columns?: number;
}
