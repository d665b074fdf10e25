import { StarttlsError } from '../starttls-error';

/** Parameter values the stores pass: numbers, text and NULL (booleans are stored as 0/1). */
export type SqlValue = string | number | null;

/**
 * One connection's worth of SQL, the same for both backends: statements use `?`
 * placeholders (PostgreSQL's adapter numbers them) and the portable subset of SQL
 * both engines share (RETURNING, ON CONFLICT, CASE rather than MIN/LEAST of two values).
 */
export interface Sql {
  all<T>(text: string, params?: SqlValue[]): Promise<T[]>;
  get<T>(text: string, params?: SqlValue[]): Promise<T | undefined>;
  /** Resolves with the number of rows changed. */
  run(text: string, params?: SqlValue[]): Promise<number>;
}

/** The little that differs between the engines' SQL. */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Appended to a claim's inner SELECT: rows another replica is claiming are passed over, not waited for. */
  readonly skipLocked: string;
  /** Appended to a read-modify-write SELECT inside a transaction. */
  readonly forUpdate: string;
}

export const SQLITE: Dialect = { name: 'sqlite', skipLocked: '', forUpdate: '' };
export const POSTGRES: Dialect = { name: 'postgres', skipLocked: ' FOR UPDATE SKIP LOCKED', forUpdate: ' FOR UPDATE' };

/** A database: autocommit statements, and transactions that commit when `fn` resolves and roll back when it throws. */
export interface Engine {
  readonly dialect: Dialect;
  readonly sql: Sql;
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** A round trip to the database (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A schema change; `version` counts from 1 and is never reused or edited once shipped. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class SchemaTooNewError extends StarttlsError {
  static override readonly codes = ['STORE_SCHEMA_TOO_NEW'] as const;
  readonly code = 'STORE_SCHEMA_TOO_NEW';
  readonly userVisible = false;
  constructor(found: number, known: number) {
    super(`database schema version ${found} is newer than this program (${known}): upgrade the program or use another database`);
  }
}

/** The versions in `migrations` not yet applied, in order; throws when the database is ahead of them. */
export function pendingMigrations(migrations: Migration[], applied: number): Migration[] {
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  if (applied > known) throw new SchemaTooNewError(applied, known);
  return migrations.filter((m) => m.version > applied);
}
