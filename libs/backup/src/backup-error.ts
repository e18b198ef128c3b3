import { DomainError, type ErrorCode } from '@helixgate/common';

/** Why a backup or restore stopped; `exitCode` is what the CLI exits with (sysexits.h where one fits). */
export type BackupProblem =
  | 'BACKUP_INVALID' // no manifest, unknown format, a part missing
  | 'BACKUP_TAMPERED' // a part's size or sha256 differs from the manifest
  | 'KEYS_MISSING' // a master key the backup's data keys are wrapped by is not available
  | 'TARGET_NOT_EMPTY' // restore into a database that holds data, without --force
  | 'DATABASE_IN_USE' // the embedded database is held by another process (the running gateway)
  | 'TOOL_FAILED' // pg_dump / pg_restore failed
  | 'VERIFY_FAILED'; // the restored database does not match the manifest or its audit chain is broken

const EXIT: Record<BackupProblem, number> = {
  BACKUP_INVALID: 65,
  BACKUP_TAMPERED: 65,
  KEYS_MISSING: 69,
  TARGET_NOT_EMPTY: 73,
  DATABASE_IN_USE: 75,
  TOOL_FAILED: 70,
  VERIFY_FAILED: 2,
};

const CODE: Record<BackupProblem, ErrorCode> = {
  BACKUP_INVALID: 'BAD_REQUEST',
  BACKUP_TAMPERED: 'BAD_REQUEST',
  KEYS_MISSING: 'KEY_UNAVAILABLE',
  TARGET_NOT_EMPTY: 'CONFLICT',
  DATABASE_IN_USE: 'CONFLICT',
  TOOL_FAILED: 'INTERNAL',
  VERIFY_FAILED: 'INTERNAL',
};

export class BackupError extends DomainError {
  readonly exitCode: number;
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(CODE[problem], message, { problem });
    this.exitCode = EXIT[problem];
  }
}
