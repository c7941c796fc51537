-- The office metrics' cache follows the office tables but not the kept compliance summary, which
-- the metrics write themselves when they keep a day (see METRIC_SOURCES in compliance.service.ts).
-- The version triggers the cache had added to the summary tables go: keeping a day no longer
-- invalidates the figures it was computed for.
DROP TRIGGER IF EXISTS metric_version ON office_compliance_cache;--> statement-breakpoint
DROP TRIGGER IF EXISTS metric_version ON office_compliance_days;
