CREATE TABLE "energy_bills" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"energy_type" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"cost_fen" bigint DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_bills_period" CHECK ("energy_bills"."period_end" >= "energy_bills"."period_start"),
	CONSTRAINT "energy_bills_amounts" CHECK ("energy_bills"."quantity" >= 0 and "energy_bills"."cost_fen" >= 0 and ("energy_bills"."cost_fen" = 0 or "energy_bills"."quantity" > 0))
);
--> statement-breakpoint
CREATE TABLE "energy_consumption" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"energy_type" text NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"cost_fen" bigint DEFAULT 0 NOT NULL,
	"entered_quantity" numeric(18, 4),
	"entered_unit" text,
	"density" numeric(10, 4),
	"bulk" boolean DEFAULT false NOT NULL,
	"for_heating" boolean DEFAULT false NOT NULL,
	"bill_id" integer,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_consumption_month_first" CHECK (extract(day from "energy_consumption"."month") = 1),
	CONSTRAINT "energy_consumption_amounts" CHECK ("energy_consumption"."quantity" >= 0 and "energy_consumption"."cost_fen" >= 0 and ("energy_consumption"."cost_fen" = 0 or "energy_consumption"."quantity" > 0))
);
--> statement-breakpoint
CREATE TABLE "energy_denominators" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"effective_from" date NOT NULL,
	"headcount" integer NOT NULL,
	"floor_area" numeric(14, 2) NOT NULL,
	"heated_area" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_denominators_positive" CHECK ("energy_denominators"."headcount" > 0 and "energy_denominators"."floor_area" > 0 and "energy_denominators"."heated_area" >= 0)
);
--> statement-breakpoint
CREATE TABLE "energy_factors" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"energy_type" text NOT NULL,
	"method" text DEFAULT 'none' NOT NULL,
	"region" text DEFAULT 'national' NOT NULL,
	"year" smallint NOT NULL,
	"value" numeric(14, 6) NOT NULL,
	"source" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_factors_value" CHECK ("energy_factors"."value" > 0),
	CONSTRAINT "energy_factors_year" CHECK ("energy_factors"."year" between 1990 and 2100),
	CONSTRAINT "energy_factors_method" CHECK (("energy_factors"."kind" = 'coal') = ("energy_factors"."method" <> 'none'))
);
--> statement-breakpoint
CREATE TABLE "energy_grid_regions" (
	"province_code" text PRIMARY KEY NOT NULL,
	"grid" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "energy_heating_seasons" (
	"province_code" text PRIMARY KEY NOT NULL,
	"starts_md" text NOT NULL,
	"ends_md" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "energy_institutions" (
	"org_unit_id" integer PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_institutions_category" CHECK ("energy_institutions"."category" in ('organ','school','hospital','other'))
);
--> statement-breakpoint
CREATE TABLE "energy_monthly" (
	"org_unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"energy_type" text NOT NULL,
	"for_heating" boolean NOT NULL,
	"quantity" numeric(20, 4) NOT NULL,
	"cost_fen" bigint NOT NULL,
	CONSTRAINT "energy_monthly_pk" PRIMARY KEY("org_unit_id","month","energy_type","for_heating")
);
--> statement-breakpoint
CREATE TABLE "energy_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"seq" smallint DEFAULT 1 NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_periods_dates" CHECK ("energy_periods"."ends_on" >= "energy_periods"."starts_on" and "energy_periods"."due_on" > "energy_periods"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "energy_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"period_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"is_rollup" boolean DEFAULT false NOT NULL,
	"return_reason" text,
	"totals" jsonb,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "energy_reports_reason" CHECK ("energy_reports"."status" <> 'returned' or "energy_reports"."return_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "energy_target_defaults" (
	"indicator" text PRIMARY KEY NOT NULL,
	"reduction_pct" numeric(6, 2) NOT NULL,
	"baseline_year" smallint NOT NULL,
	"target_year" smallint NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "energy_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"tier" text NOT NULL,
	"baseline_year" smallint DEFAULT 2020 NOT NULL,
	"target_year" smallint DEFAULT 2025 NOT NULL,
	"reduction_pct" numeric(6, 2) NOT NULL,
	"parent_target_id" integer,
	"source" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "energy_targets_pct" CHECK ("energy_targets"."reduction_pct" > -100 and "energy_targets"."reduction_pct" < 100),
	CONSTRAINT "energy_targets_years" CHECK ("energy_targets"."target_year" > "energy_targets"."baseline_year")
);
--> statement-breakpoint
CREATE TABLE "energy_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"liquid" boolean DEFAULT false NOT NULL,
	"is_energy" boolean DEFAULT true NOT NULL,
	"sort" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "energy_bills" ADD CONSTRAINT "energy_bills_org_unit_id_energy_institutions_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."energy_institutions"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_bills" ADD CONSTRAINT "energy_bills_energy_type_energy_types_code_fk" FOREIGN KEY ("energy_type") REFERENCES "public"."energy_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_bills" ADD CONSTRAINT "energy_bills_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_consumption" ADD CONSTRAINT "energy_consumption_org_unit_id_energy_institutions_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."energy_institutions"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_consumption" ADD CONSTRAINT "energy_consumption_energy_type_energy_types_code_fk" FOREIGN KEY ("energy_type") REFERENCES "public"."energy_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_consumption" ADD CONSTRAINT "energy_consumption_bill_id_energy_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."energy_bills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_denominators" ADD CONSTRAINT "energy_denominators_org_unit_id_energy_institutions_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."energy_institutions"("org_unit_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_factors" ADD CONSTRAINT "energy_factors_energy_type_energy_types_code_fk" FOREIGN KEY ("energy_type") REFERENCES "public"."energy_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_factors" ADD CONSTRAINT "energy_factors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_institutions" ADD CONSTRAINT "energy_institutions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_reports" ADD CONSTRAINT "energy_reports_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_reports" ADD CONSTRAINT "energy_reports_period_id_energy_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."energy_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_reports" ADD CONSTRAINT "energy_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_reports" ADD CONSTRAINT "energy_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "energy_targets" ADD CONSTRAINT "energy_targets_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "energy_consumption_month_uq" ON "energy_consumption" USING btree ("org_unit_id","month","energy_type") WHERE "energy_consumption"."bill_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "energy_consumption_bill_uq" ON "energy_consumption" USING btree ("bill_id","month") WHERE "energy_consumption"."bill_id" is not null;--> statement-breakpoint
CREATE INDEX "energy_consumption_unit_month_idx" ON "energy_consumption" USING btree ("org_unit_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_denominators_uq" ON "energy_denominators" USING btree ("org_unit_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_factors_uq" ON "energy_factors" USING btree ("kind","energy_type","method","region","year");--> statement-breakpoint
CREATE INDEX "energy_monthly_month_idx" ON "energy_monthly" USING btree ("month");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_periods_uq" ON "energy_periods" USING btree ("kind","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_reports_uq" ON "energy_reports" USING btree ("org_unit_id","period_id");--> statement-breakpoint
CREATE INDEX "energy_reports_period_idx" ON "energy_reports" USING btree ("period_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_targets_uq" ON "energy_targets" USING btree ("org_unit_id","indicator","tier","target_year");