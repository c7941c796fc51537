CREATE TABLE "office_area_standards" (
	"id" serial PRIMARY KEY NOT NULL,
	"organ_level" text NOT NULL,
	"rank_code" text NOT NULL,
	"area_m2" numeric(8, 2) NOT NULL,
	"washroom_m2" numeric(8, 2) DEFAULT '0' NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_area_standards_area_ck" CHECK ("office_area_standards"."area_m2" > 0 and "office_area_standards"."area_m2" <= 200 and "office_area_standards"."washroom_m2" >= 0 and "office_area_standards"."washroom_m2" <= 20)
);
--> statement-breakpoint
CREATE TABLE "office_buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"title_cert_no" text DEFAULT '' NOT NULL,
	"cert_area" numeric(12, 2),
	"owner" text DEFAULT '' NOT NULL,
	"gross_area" numeric(12, 2) NOT NULL,
	"year_built" integer,
	"structure" text DEFAULT 'frame' NOT NULL,
	"lat" numeric(9, 6),
	"lng" numeric(9, 6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_buildings_area_ck" CHECK ("office_buildings"."gross_area" > 0 and "office_buildings"."gross_area" <= 500000 and ("office_buildings"."cert_area" is null or ("office_buildings"."cert_area" > 0 and "office_buildings"."cert_area" <= 500000))),
	CONSTRAINT "office_buildings_year_ck" CHECK ("office_buildings"."year_built" is null or "office_buildings"."year_built" between 1900 and 2100),
	CONSTRAINT "office_buildings_geo_ck" CHECK (("office_buildings"."lat" is null or "office_buildings"."lat" between -90 and 90) and ("office_buildings"."lng" is null or "office_buildings"."lng" between -180 and 180))
);
--> statement-breakpoint
CREATE TABLE "office_floors" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "office_floors_id_building_uq" UNIQUE("id","building_id"),
	CONSTRAINT "office_floors_level_ck" CHECK ("office_floors"."level" between -10 and 200 and "office_floors"."level" <> 0)
);
--> statement-breakpoint
CREATE TABLE "office_occupancies" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"kind" text DEFAULT 'main' NOT NULL,
	"during" daterange NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"department_id" integer,
	"name" text NOT NULL,
	"rank_code" text NOT NULL,
	"user_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"left_on" date,
	CONSTRAINT "office_persons_left_ck" CHECK (("office_persons"."status" = 'active') = ("office_persons"."left_on" is null))
);
--> statement-breakpoint
CREATE TABLE "office_rectifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"over_area" numeric(8, 2) NOT NULL,
	"opened_on" date NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"approval_id" integer,
	"closed_on" date,
	CONSTRAINT "office_rectifications_deadline_ck" CHECK ("office_rectifications"."deadline" >= "office_rectifications"."opened_on")
);
--> statement-breakpoint
CREATE TABLE "office_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_unit_id" integer NOT NULL,
	"needed_area" numeric(8, 2),
	"headcount" integer,
	"room_id" integer,
	"method" text,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"approval_id" integer,
	"certificate_no" text,
	"decided_on" date,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_requests_area_ck" CHECK ("office_requests"."needed_area" is null or ("office_requests"."needed_area" > 0 and "office_requests"."needed_area" <= 5000)),
	CONSTRAINT "office_requests_kind_ck" CHECK (("office_requests"."kind" <> 'allocation' or ("office_requests"."needed_area" is not null and "office_requests"."headcount" between 1 and 500)) and ("office_requests"."kind" = 'allocation' or "office_requests"."room_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "office_room_uses" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"department_id" integer,
	"status" text NOT NULL,
	"during" daterange NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"floor_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"department_id" integer,
	"number" text NOT NULL,
	"room_class" text NOT NULL,
	"sub_type" text NOT NULL,
	"usable_area" numeric(8, 2) NOT NULL,
	"gross_area" numeric(8, 2) NOT NULL,
	"washroom_area" numeric(8, 2) DEFAULT '0' NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'vacant' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_rooms_area_ck" CHECK ("office_rooms"."usable_area" > 0 and "office_rooms"."usable_area" <= 3000 and "office_rooms"."gross_area" >= "office_rooms"."usable_area" and "office_rooms"."gross_area" <= 5000),
	CONSTRAINT "office_rooms_washroom_ck" CHECK ("office_rooms"."washroom_area" >= 0 and "office_rooms"."washroom_area" < "office_rooms"."usable_area"),
	CONSTRAINT "office_rooms_capacity_ck" CHECK ("office_rooms"."capacity" between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "office_survey_rows" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"building_code" text NOT NULL,
	"room_number" text NOT NULL,
	"usable_area" numeric(8, 2) NOT NULL,
	"room_class" text NOT NULL,
	"occupants" integer DEFAULT 0 NOT NULL,
	"surveyed_on" date NOT NULL,
	CONSTRAINT "office_survey_rows_area_ck" CHECK ("office_survey_rows"."usable_area" > 0 and "office_survey_rows"."usable_area" <= 3000)
);
--> statement-breakpoint
CREATE TABLE "office_vacate_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"occupancy_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"reminded_on" date
);
--> statement-breakpoint
ALTER TABLE "office_area_standards" ADD CONSTRAINT "office_area_standards_rank_code_ranks_code_fk" FOREIGN KEY ("rank_code") REFERENCES "public"."ranks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_area_standards" ADD CONSTRAINT "office_area_standards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_buildings" ADD CONSTRAINT "office_buildings_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_floors" ADD CONSTRAINT "office_floors_building_id_office_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."office_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_floors" ADD CONSTRAINT "office_floors_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_occupancies" ADD CONSTRAINT "office_occupancies_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_occupancies" ADD CONSTRAINT "office_occupancies_person_id_office_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."office_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_occupancies" ADD CONSTRAINT "office_occupancies_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_persons" ADD CONSTRAINT "office_persons_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_persons" ADD CONSTRAINT "office_persons_department_id_org_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_persons" ADD CONSTRAINT "office_persons_rank_code_ranks_code_fk" FOREIGN KEY ("rank_code") REFERENCES "public"."ranks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_persons" ADD CONSTRAINT "office_persons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_rectifications" ADD CONSTRAINT "office_rectifications_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_rectifications" ADD CONSTRAINT "office_rectifications_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_requests" ADD CONSTRAINT "office_requests_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_requests" ADD CONSTRAINT "office_requests_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_room_uses" ADD CONSTRAINT "office_room_uses_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_room_uses" ADD CONSTRAINT "office_room_uses_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_room_uses" ADD CONSTRAINT "office_room_uses_department_id_org_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_rooms" ADD CONSTRAINT "office_rooms_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_rooms" ADD CONSTRAINT "office_rooms_department_id_org_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_rooms" ADD CONSTRAINT "office_rooms_floor_building_fk" FOREIGN KEY ("floor_id","building_id") REFERENCES "public"."office_floors"("id","building_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_survey_rows" ADD CONSTRAINT "office_survey_rows_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_vacate_tasks" ADD CONSTRAINT "office_vacate_tasks_occupancy_id_office_occupancies_id_fk" FOREIGN KEY ("occupancy_id") REFERENCES "public"."office_occupancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_vacate_tasks" ADD CONSTRAINT "office_vacate_tasks_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "office_area_standards_version_uq" ON "office_area_standards" USING btree ("organ_level","rank_code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "office_buildings_code_uq" ON "office_buildings" USING btree ("code");--> statement-breakpoint
CREATE INDEX "office_buildings_unit_idx" ON "office_buildings" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "office_floors_level_uq" ON "office_floors" USING btree ("building_id","level");--> statement-breakpoint
CREATE INDEX "office_occupancies_room_idx" ON "office_occupancies" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "office_occupancies_person_idx" ON "office_occupancies" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "office_persons_unit_idx" ON "office_persons" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "office_rectifications_open_uq" ON "office_rectifications" USING btree ("room_id") WHERE "office_rectifications"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "office_rectifications_unit_idx" ON "office_rectifications" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "office_requests_unit_idx" ON "office_requests" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "office_room_uses_room_idx" ON "office_room_uses" USING btree ("room_id");--> statement-breakpoint
CREATE UNIQUE INDEX "office_rooms_number_uq" ON "office_rooms" USING btree ("building_id","number");--> statement-breakpoint
CREATE INDEX "office_rooms_unit_idx" ON "office_rooms" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "office_rooms_floor_idx" ON "office_rooms" USING btree ("floor_id");--> statement-breakpoint
CREATE INDEX "office_survey_rows_batch_idx" ON "office_survey_rows" USING btree ("batch");--> statement-breakpoint
CREATE UNIQUE INDEX "office_vacate_tasks_occ_uq" ON "office_vacate_tasks" USING btree ("occupancy_id");