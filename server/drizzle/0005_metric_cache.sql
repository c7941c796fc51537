-- A cache of live metric values (server/src/kernel/metrics/cache.ts). A value is kept with the
-- stamp of the data it was computed from: the versions of its source tables. Statement-level
-- triggers bump a table's version in the writing transaction, so a late report or a corrected
-- factor makes every cached value computed from that table stale the moment it commits. The
-- triggers on module tables are added by the kernel at first use (modules' tables are created
-- after this migration); org_units counts for every metric.
-- A table's version is the sum of one counter per database session (backend): a writer only ever
-- updates its own session's row, so concurrent writers (the canteen's lunch rush) neither queue on
-- one hot row nor deadlock when they write tables in different orders. The sum still rises with
-- every committed write, whichever session made it.
CREATE TABLE metric_source_versions (
  table_name text NOT NULL,
  backend integer NOT NULL DEFAULT 0,
  version bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (table_name, backend)
);
--> statement-breakpoint
CREATE TABLE metric_cache (
  metric_key text NOT NULL,
  unit_id integer NOT NULL,
  from_date date NOT NULL,
  to_date date NOT NULL,
  value double precision,
  stamp text NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (metric_key, unit_id, from_date, to_date),
  CHECK (from_date <= to_date)
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION metric_source_bump() RETURNS trigger AS $$
BEGIN
  -- A restore (kernel backup.ts) replays the backup's versions and cache together: no bumps then.
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO metric_source_versions (table_name, backend, version) VALUES (TG_TABLE_NAME, pg_backend_pid(), 1)
    ON CONFLICT (table_name, backend) DO UPDATE SET version = metric_source_versions.version + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
INSERT INTO metric_source_versions (table_name) VALUES ('org_units');
--> statement-breakpoint
CREATE TRIGGER metric_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION metric_source_bump();
