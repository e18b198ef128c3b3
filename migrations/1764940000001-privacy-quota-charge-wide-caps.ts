import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PrivacyQuotaCharge1764940000000 } from './1764940000000-privacy-quota-charge';

/**
 * `privacy_charge_quotas` / `privacy_quota_fits` (1764940000000) took the allele quota's cap as `integer`, but a
 * policy may set `quota.alleles` beyond 2^31 (the bench sets 10^12): the call then failed with "integer out of
 * range" and the query with a 500. The cap is now a double precision, compared as `passedLimit` compares it
 * (in doubles), and `used + alleles` is summed in doubles too.
 */
export class PrivacyQuotaChargeWideCaps1764940000001 implements MigrationInterface {
  name = 'PrivacyQuotaChargeWideCaps1764940000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION privacy_charge_quotas(text, text[], double precision[], integer[],
      double precision[], double precision[], integer[], double precision[], double precision[])`);
    await q.query(`DROP FUNCTION privacy_quota_fits(integer, double precision, double precision, integer,
      double precision, double precision, integer, double precision, double precision)`);
    await q.query(`
      CREATE FUNCTION privacy_quota_fits(
        used integer, drawn double precision, count_spent double precision,
        alleles integer, nats double precision, count_nats double precision,
        cap double precision, nats_cap double precision, count_cap double precision
      ) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT NOT (
          (cap > 0 AND used::float8 + alleles::float8 > cap)
          OR (nats_cap > 0 AND drawn + nats > nats_cap * (1::float8 + 1e-9::float8))
          OR (count_cap > 0 AND count_nats > 0 AND count_spent + count_nats > count_cap * (1::float8 + 1e-9::float8))
        )
      $$`);
    await q.query(`
      CREATE FUNCTION privacy_charge_quotas(
        p_principal text, p_datasets text[], p_window_ms double precision[], p_alleles integer[],
        p_nats double precision[], p_count_nats double precision[], p_caps double precision[],
        p_nats_caps double precision[], p_count_caps double precision[]
      ) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        i integer;
        ws timestamptz;
        cur record;
      BEGIN
        FOR i IN 1 .. coalesce(array_length(p_datasets, 1), 0) LOOP
          ws := to_timestamp(p_window_ms[i] / 1000.0);
          INSERT INTO privacy_quota AS q (principal, dataset_id, window_start, used, drawn, count_spent)
          SELECT p_principal, p_datasets[i], ws, p_alleles[i], p_nats[i], p_count_nats[i]
           WHERE privacy_quota_fits(0, 0, 0, p_alleles[i], p_nats[i], p_count_nats[i],
                                    p_caps[i], p_nats_caps[i], p_count_caps[i])
          ON CONFLICT (principal, dataset_id) DO UPDATE
            SET used = CASE WHEN q.window_start = EXCLUDED.window_start THEN q.used ELSE 0 END + EXCLUDED.used,
                drawn = CASE WHEN q.window_start = EXCLUDED.window_start THEN q.drawn ELSE 0 END + EXCLUDED.drawn,
                count_spent = q.count_spent + EXCLUDED.count_spent,
                window_start = EXCLUDED.window_start
            WHERE privacy_quota_fits(
              CASE WHEN q.window_start = EXCLUDED.window_start THEN q.used ELSE 0 END,
              CASE WHEN q.window_start = EXCLUDED.window_start THEN q.drawn ELSE 0 END,
              q.count_spent, EXCLUDED.used, EXCLUDED.drawn, EXCLUDED.count_spent,
              p_caps[i], p_nats_caps[i], p_count_caps[i]);
          IF NOT FOUND THEN
            -- The row as it was refused at (locked by the upsert until this statement ends).
            SELECT CASE WHEN x.window_start = ws THEN x.used ELSE 0 END AS used,
                   CASE WHEN x.window_start = ws THEN x.drawn ELSE 0 END AS drawn,
                   x.count_spent
              INTO cur FROM privacy_quota x WHERE x.principal = p_principal AND x.dataset_id = p_datasets[i];
            RAISE EXCEPTION 'privacy quota refused' USING ERRCODE = 'HG001',
              DETAIL = json_build_object('index', i, 'used', coalesce(cur.used, 0),
                                         'drawn', coalesce(cur.drawn, 0),
                                         'countSpent', coalesce(cur.count_spent, 0))::text;
          END IF;
        END LOOP;
        RETURN coalesce(array_length(p_datasets, 1), 0);
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION privacy_charge_quotas(text, text[], double precision[], integer[],
      double precision[], double precision[], double precision[], double precision[], double precision[])`);
    await q.query(`DROP FUNCTION privacy_quota_fits(integer, double precision, double precision, integer,
      double precision, double precision, double precision, double precision, double precision)`);
    await new PrivacyQuotaCharge1764940000000().up(q);
  }
}
