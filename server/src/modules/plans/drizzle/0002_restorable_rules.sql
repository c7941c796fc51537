-- A backup restore inserts a published scheme version or a closed period and then its rows, in one
-- transaction. The rules bind once the publishing / closing transaction has committed: a row
-- written by the current transaction (xmin = this transaction) does not freeze anything yet.
CREATE OR REPLACE FUNCTION plan_written_here(x xid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT x::text::bigint = (txid_current() & 4294967295)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION plan_report_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM plan_report_periods WHERE id = NEW.period_id AND closed AND NOT plan_written_here(xmin)) THEN
    RAISE EXCEPTION 'period closed' USING ERRCODE = '23514', CONSTRAINT = 'plan_report_period_closed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION plan_criteria_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A published scheme version's weights are what rounds were scored with: never changed.
  IF EXISTS (SELECT 1 FROM plan_scheme_versions WHERE id = COALESCE(NEW.version_id, OLD.version_id) AND status = 'published' AND NOT plan_written_here(xmin)) THEN
    RAISE EXCEPTION 'scheme version published' USING ERRCODE = '23514', CONSTRAINT = 'plan_scheme_version_frozen';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
