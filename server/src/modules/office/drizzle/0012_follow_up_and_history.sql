CREATE TABLE "office_compliance_cache" (
	"day" date NOT NULL,
	"org_unit_id" integer NOT NULL,
	"offices" integer NOT NULL,
	"compliant" integer NOT NULL,
	"over" integer NOT NULL,
	"no_standard" integer NOT NULL,
	"over_area" numeric(14, 2) NOT NULL,
	"usable_area" numeric(14, 2) NOT NULL,
	"entitlement" numeric(14, 2) NOT NULL,
	CONSTRAINT "office_compliance_cache_day_org_unit_id_pk" PRIMARY KEY("day","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "office_compliance_days" (
	"day" date PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_leases" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"lessor" text NOT NULL,
	"address" text NOT NULL,
	"area" numeric(10, 2) NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"annual_rent_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_leases_ck" CHECK ("office_leases"."area" > 0 and "office_leases"."area" <= 50000 and "office_leases"."end_on" > "office_leases"."start_on" and "office_leases"."annual_rent_fen" >= 0 and "office_leases"."annual_rent_fen" <= 100000000000)
);
--> statement-breakpoint
CREATE TABLE "office_person_ranks" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"rank_code" text NOT NULL,
	"during" daterange NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"area" numeric(10, 2) NOT NULL,
	"budget_fen" bigint NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"started_on" date,
	"completed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_projects_area_ck" CHECK ("office_projects"."area" > 0 and "office_projects"."area" <= 500000 and "office_projects"."budget_fen" >= 0 and "office_projects"."budget_fen" <= 1000000000000),
	CONSTRAINT "office_projects_status_ck" CHECK (("office_projects"."status" = 'planned' or "office_projects"."started_on" is not null) and ("office_projects"."status" = 'completed') = ("office_projects"."completed_on" is not null) and ("office_projects"."completed_on" is null or "office_projects"."completed_on" >= "office_projects"."started_on"))
);
--> statement-breakpoint
ALTER TABLE "office_requests" ADD COLUMN "give_room_id" integer;--> statement-breakpoint
ALTER TABLE "office_requests" ADD COLUMN "estimated_cost_fen" bigint;--> statement-breakpoint
ALTER TABLE "office_requests" ADD COLUMN "plan_year" integer;--> statement-breakpoint
ALTER TABLE "office_requests" ADD COLUMN "works_status" text;--> statement-breakpoint
ALTER TABLE "office_compliance_cache" ADD CONSTRAINT "office_compliance_cache_day_office_compliance_days_day_fk" FOREIGN KEY ("day") REFERENCES "public"."office_compliance_days"("day") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_compliance_cache" ADD CONSTRAINT "office_compliance_cache_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_leases" ADD CONSTRAINT "office_leases_request_id_office_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."office_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_leases" ADD CONSTRAINT "office_leases_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_person_ranks" ADD CONSTRAINT "office_person_ranks_person_id_office_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."office_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_person_ranks" ADD CONSTRAINT "office_person_ranks_rank_code_ranks_code_fk" FOREIGN KEY ("rank_code") REFERENCES "public"."ranks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_projects" ADD CONSTRAINT "office_projects_request_id_office_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."office_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_projects" ADD CONSTRAINT "office_projects_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "office_leases_request_uq" ON "office_leases" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "office_person_ranks_person_idx" ON "office_person_ranks" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "office_projects_request_uq" ON "office_projects" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE "office_requests" ADD CONSTRAINT "office_requests_give_room_id_office_rooms_id_fk" FOREIGN KEY ("give_room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_requests" ADD CONSTRAINT "office_requests_exchange_ck" CHECK (("office_requests"."path" is not distinct from 'exchange') = ("office_requests"."give_room_id" is not null) and ("office_requests"."give_room_id" is null or "office_requests"."give_room_id" <> "office_requests"."room_id"));--> statement-breakpoint
ALTER TABLE "office_requests" ADD CONSTRAINT "office_requests_cost_ck" CHECK ("office_requests"."estimated_cost_fen" is null or ("office_requests"."estimated_cost_fen" >= 0 and "office_requests"."estimated_cost_fen" <= 100000000000));--> statement-breakpoint
ALTER TABLE "office_requests" ADD CONSTRAINT "office_requests_works_ck" CHECK (("office_requests"."works_status" is null or ("office_requests"."kind" = 'repair' and "office_requests"."method" = 'major')) and ("office_requests"."plan_year" is null or "office_requests"."plan_year" between 2000 and 2100));