-- Rules that hold whatever code writes: alignment cycles refused, reports for a closed period refused.
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "plan_items"("id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "plan_plans" ADD CONSTRAINT "plan_plans_parent_fk" FOREIGN KEY ("parent_plan_id") REFERENCES "plan_plans"("id");
--> statement-breakpoint
CREATE FUNCTION plan_alignment_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Walk upward from the new upper item; reaching the lower item again closes a cycle.
  IF EXISTS (
    WITH RECURSIVE up(id) AS (
      SELECT NEW.upper_item_id
      UNION
      SELECT a.upper_item_id FROM plan_alignments a JOIN up ON a.item_id = up.id
    )
    SELECT 1 FROM up WHERE id = NEW.item_id
  ) THEN
    RAISE EXCEPTION 'alignment cycle' USING ERRCODE = '23514', CONSTRAINT = 'plan_alignment_cycle';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER plan_alignment_no_cycle BEFORE INSERT OR UPDATE ON plan_alignments
  FOR EACH ROW EXECUTE FUNCTION plan_alignment_no_cycle();
--> statement-breakpoint
CREATE FUNCTION plan_report_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT closed FROM plan_report_periods WHERE id = NEW.period_id) THEN
    RAISE EXCEPTION 'period closed' USING ERRCODE = '23514', CONSTRAINT = 'plan_report_period_closed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER plan_report_open_period BEFORE INSERT OR UPDATE ON plan_progress_reports
  FOR EACH ROW EXECUTE FUNCTION plan_report_open_period();
--> statement-breakpoint
CREATE FUNCTION plan_criteria_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A published scheme version's weights are what rounds were scored with: never changed.
  IF (SELECT status FROM plan_scheme_versions WHERE id = COALESCE(NEW.version_id, OLD.version_id)) = 'published' THEN
    RAISE EXCEPTION 'scheme version published' USING ERRCODE = '23514', CONSTRAINT = 'plan_scheme_version_frozen';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
--> statement-breakpoint
CREATE TRIGGER plan_criteria_frozen BEFORE INSERT OR UPDATE OR DELETE ON plan_criteria
  FOR EACH ROW EXECUTE FUNCTION plan_criteria_frozen();
