import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State that several gateway processes (HELIXGATE_WORKERS, or several hosts on one database) must share to
 * behave as one node:
 *
 * - `rate_limit_window`: the query rate limiter's sliding-window counters (one row per allowance and
 *   window). UNLOGGED: no WAL, so a charge costs no fsync; after a crash the counters start empty, which
 *   at worst allows one window's queries again.
 * - NOTIFY `helixgate_invalidate` after any change of `dataset` (payload `dataset`) or a removed data key
 *   (`dataset_key:<dataset id>:<version>`), by trigger so that every writer (gateway, CLI, a restore)
 *   tells every process that caches dataset metadata or unwrapped data keys; the notification is sent on
 *   commit.
 */
export class SharedNodeState1764840000000 implements MigrationInterface {
  name = 'SharedNodeState1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_window (
        key text NOT NULL,
        window_start bigint NOT NULL,
        count double precision NOT NULL,
        PRIMARY KEY (key, window_start)
      )`);
    await q.query(`
      CREATE FUNCTION helixgate_notify_dataset() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('helixgate_invalidate', 'dataset');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER dataset_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dataset
      FOR EACH STATEMENT EXECUTE FUNCTION helixgate_notify_dataset()`);
    await q.query(`
      CREATE FUNCTION helixgate_notify_dataset_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('helixgate_invalidate', 'dataset_key:' || OLD.dataset_id || ':' || OLD.version);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER dataset_key_removed AFTER DELETE ON dataset_key
      FOR EACH ROW EXECUTE FUNCTION helixgate_notify_dataset_key()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER dataset_key_removed ON dataset_key');
    await q.query('DROP FUNCTION helixgate_notify_dataset_key()');
    await q.query('DROP TRIGGER dataset_changed ON dataset');
    await q.query('DROP FUNCTION helixgate_notify_dataset()');
    await q.query('DROP TABLE rate_limit_window');
  }
}
