/** What a fix is made of: the platform it is for, its steps and the literal commands that carry them out. */

export type Platform =
  | 'exchange-onprem'
  | 'exchange-online'
  | 'postfix'
  | 'exim'
  | 'sendmail'
  | 'opensmtpd'
  | 'cisco-asa'
  | 'unknown';

/**
 * Where a command is typed; its prompt follows from it (command.ts):
 * sh `$ `, powershell `PS> `, ems (Exchange Management Shell) `[EMS] PS> `, exo (Exchange Online
 * PowerShell) `[EXO] PS> `, asa (Cisco ASA CLI) `asa# ` or `asa(<mode>)# `, file (a line of a
 * configuration file, shown under the file's name, no prompt).
 */
export type Shell = 'sh' | 'powershell' | 'ems' | 'exo' | 'asa' | 'file';

/** One literal line to run (or to put in a file), values filled in. */
export interface Command {
  shell: Shell;
  line: string;
  /** asa: the configuration mode the line is typed in ("config", "config-pmap", ...); absent: privileged EXEC. */
  mode?: string;
  /** file: the configuration file the line belongs in. */
  file?: string;
}

/** Steps for one platform, with the commands that carry them out. */
export interface Remediation {
  platform: Platform | 'any';
  /** The platform was not recognised: this entry applies only if the server runs it ("If this is Postfix"). */
  guess?: boolean;
  steps: string[];
  commands: Command[];
}
