CREATE TABLE "plan_criteria" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"weight" numeric NOT NULL,
	"formula" text,
	"rubric" jsonb,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_criterion_kind_ck" CHECK (("plan_criteria"."kind" = 'quantitative' and "plan_criteria"."formula" is not null) or ("plan_criteria"."kind" = 'qualitative' and "plan_criteria"."rubric" is not null)),
	CONSTRAINT "plan_criterion_weight_ck" CHECK ("plan_criteria"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "plan_eval_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"raw" numeric,
	"points" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_eval_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"level" text NOT NULL,
	"score" numeric NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_eval_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "plan_round_kind_ck" CHECK ("plan_eval_rounds"."kind" in ('annual','midterm','final')),
	CONSTRAINT "plan_round_status_ck" CHECK ("plan_eval_rounds"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "plan_scheme_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "plan_scheme_version_status_ck" CHECK ("plan_scheme_versions"."status" in ('draft','published'))
);
--> statement-breakpoint
CREATE TABLE "plan_schemes" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"total" numeric DEFAULT 100 NOT NULL,
	"plan_id" integer NOT NULL,
	CONSTRAINT "plan_scheme_total_ck" CHECK ("plan_schemes"."total" > 0)
);
--> statement-breakpoint
CREATE TABLE "plan_alignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"upper_item_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	CONSTRAINT "plan_alignment_self_ck" CHECK ("plan_alignments"."item_id" <> "plan_alignments"."upper_item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"due" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"code" text,
	"title" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"weight" numeric DEFAULT 1 NOT NULL,
	"unit" text,
	"baseline_year" integer,
	"baseline_value" numeric,
	"target_year" integer,
	"target_value" numeric,
	"direction" text,
	"binding" text,
	"metric_key" text,
	"owner_unit_id" integer,
	"co_owner_unit_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"deadline" date,
	CONSTRAINT "plan_item_kind_ck" CHECK ("plan_items"."kind" in ('chapter','section','goal','indicator','task')),
	CONSTRAINT "plan_item_weight_ck" CHECK ("plan_items"."weight" >= 0),
	CONSTRAINT "plan_item_indicator_ck" CHECK ("plan_items"."kind" <> 'indicator' or ("plan_items"."unit" is not null and "plan_items"."target_value" is not null and "plan_items"."target_year" is not null
    and "plan_items"."direction" in ('up','down') and "plan_items"."binding" in ('binding','anticipatory'))),
	CONSTRAINT "plan_item_task_ck" CHECK ("plan_items"."kind" <> 'task' or ("plan_items"."owner_unit_id" is not null and "plan_items"."deadline" is not null))
);
--> statement-breakpoint
CREATE TABLE "plan_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"parent_plan_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"alignment_status" text DEFAULT 'none' NOT NULL,
	"green_at" numeric DEFAULT 0.9 NOT NULL,
	"amber_at" numeric DEFAULT 0.6 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_level_ck" CHECK ("plan_plans"."level" in ('national','provincial','prefecture','county')),
	CONSTRAINT "plan_kind_ck" CHECK ("plan_plans"."kind" in ('development','special','regional','spatial')),
	CONSTRAINT "plan_years_ck" CHECK ("plan_plans"."start_year" <= "plan_plans"."end_year"),
	CONSTRAINT "plan_status_ck" CHECK ("plan_plans"."status" in ('draft','published')),
	CONSTRAINT "plan_thresholds_ck" CHECK (0 <= "plan_plans"."amber_at" and "plan_plans"."amber_at" <= "plan_plans"."green_at" and "plan_plans"."green_at" <= 1)
);
--> statement-breakpoint
CREATE TABLE "plan_progress_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"value" numeric,
	"status" text,
	"note" text DEFAULT '' NOT NULL,
	"reported_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_report_status_ck" CHECK ("plan_progress_reports"."status" is null or "plan_progress_reports"."status" in ('green','amber','red')),
	CONSTRAINT "plan_report_measure_ck" CHECK ("plan_progress_reports"."value" is not null or "plan_progress_reports"."status" is not null)
);
--> statement-breakpoint
CREATE TABLE "plan_report_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"label" text NOT NULL,
	"starts" date NOT NULL,
	"ends" date NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "plan_period_dates_ck" CHECK ("plan_report_periods"."starts" <= "plan_report_periods"."ends")
);
--> statement-breakpoint
CREATE TABLE "plan_suggestion_drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"public_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_suggestions" (
	"id" serial PRIMARY KEY NOT NULL,
	"draft_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"source" text NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"content" text NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"item_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"created_by" integer,
	"answered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_suggestion_source_ck" CHECK ("plan_suggestions"."source" in ('staff','grassroots','expert','public')),
	CONSTRAINT "plan_suggestion_outcome_ck" CHECK ("plan_suggestions"."outcome" in ('pending','adopted','partly','not_adopted')),
	CONSTRAINT "plan_suggestion_reason_ck" CHECK ("plan_suggestions"."outcome" = 'pending' or coalesce(btrim("plan_suggestions"."reason"), '') <> '')
);
--> statement-breakpoint
ALTER TABLE "plan_criteria" ADD CONSTRAINT "plan_criteria_version_id_plan_scheme_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_scheme_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_criteria" ADD CONSTRAINT "plan_criteria_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_results" ADD CONSTRAINT "plan_eval_results_round_id_plan_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."plan_eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_results" ADD CONSTRAINT "plan_eval_results_criterion_id_plan_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."plan_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_results" ADD CONSTRAINT "plan_eval_results_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_reviews" ADD CONSTRAINT "plan_eval_reviews_round_id_plan_eval_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."plan_eval_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_reviews" ADD CONSTRAINT "plan_eval_reviews_criterion_id_plan_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."plan_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_reviews" ADD CONSTRAINT "plan_eval_reviews_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_rounds" ADD CONSTRAINT "plan_eval_rounds_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_eval_rounds" ADD CONSTRAINT "plan_eval_rounds_version_id_plan_scheme_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_scheme_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_scheme_versions" ADD CONSTRAINT "plan_scheme_versions_scheme_id_plan_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."plan_schemes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_scheme_versions" ADD CONSTRAINT "plan_scheme_versions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_schemes" ADD CONSTRAINT "plan_schemes_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_schemes" ADD CONSTRAINT "plan_schemes_plan_id_plan_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_alignments" ADD CONSTRAINT "plan_alignments_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_alignments" ADD CONSTRAINT "plan_alignments_upper_item_id_plan_items_id_fk" FOREIGN KEY ("upper_item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_alignments" ADD CONSTRAINT "plan_alignments_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plan_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_owner_unit_id_org_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_plans" ADD CONSTRAINT "plan_plans_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_reports" ADD CONSTRAINT "plan_progress_reports_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_reports" ADD CONSTRAINT "plan_progress_reports_period_id_plan_report_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."plan_report_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_progress_reports" ADD CONSTRAINT "plan_progress_reports_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_periods" ADD CONSTRAINT "plan_report_periods_plan_id_plan_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_report_periods" ADD CONSTRAINT "plan_report_periods_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_suggestion_drafts" ADD CONSTRAINT "plan_suggestion_drafts_plan_id_plan_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_suggestion_drafts" ADD CONSTRAINT "plan_suggestion_drafts_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_suggestions" ADD CONSTRAINT "plan_suggestions_draft_id_plan_suggestion_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."plan_suggestion_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_suggestions" ADD CONSTRAINT "plan_suggestions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_criteria_code_uq" ON "plan_criteria" USING btree ("version_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_eval_results_uq" ON "plan_eval_results" USING btree ("round_id","criterion_id","org_unit_id");--> statement-breakpoint
CREATE INDEX "plan_eval_results_round_idx" ON "plan_eval_results" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_eval_reviews_uq" ON "plan_eval_reviews" USING btree ("round_id","criterion_id","org_unit_id","reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_scheme_versions_uq" ON "plan_scheme_versions" USING btree ("scheme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_alignments_uq" ON "plan_alignments" USING btree ("item_id","upper_item_id");--> statement-breakpoint
CREATE INDEX "plan_alignments_upper_idx" ON "plan_alignments" USING btree ("upper_item_id");--> statement-breakpoint
CREATE INDEX "plan_milestones_item_idx" ON "plan_milestones" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_items_code_uq" ON "plan_items" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id","parent_id");--> statement-breakpoint
CREATE INDEX "plan_plans_unit_idx" ON "plan_plans" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "plan_reports_item_idx" ON "plan_progress_reports" USING btree ("item_id","period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_periods_uq" ON "plan_report_periods" USING btree ("plan_id","label");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_drafts_token_uq" ON "plan_suggestion_drafts" USING btree ("public_token");--> statement-breakpoint
CREATE INDEX "plan_suggestions_draft_idx" ON "plan_suggestions" USING btree ("draft_id");