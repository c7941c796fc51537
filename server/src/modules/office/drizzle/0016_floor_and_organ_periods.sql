CREATE TABLE "office_floor_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"floor_id" integer NOT NULL,
	"level" integer NOT NULL,
	"name" text NOT NULL,
	"during" daterange NOT NULL
);
--> statement-breakpoint
CREATE TABLE "office_person_organs" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"department_id" integer,
	"during" daterange NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_projects" ADD COLUMN "building_id" integer;--> statement-breakpoint
ALTER TABLE "office_floor_versions" ADD CONSTRAINT "office_floor_versions_floor_id_office_floors_id_fk" FOREIGN KEY ("floor_id") REFERENCES "public"."office_floors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_person_organs" ADD CONSTRAINT "office_person_organs_person_id_office_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."office_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_person_organs" ADD CONSTRAINT "office_person_organs_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_person_organs" ADD CONSTRAINT "office_person_organs_department_id_org_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "office_floor_versions_floor_idx" ON "office_floor_versions" USING btree ("floor_id");--> statement-breakpoint
CREATE INDEX "office_person_organs_person_idx" ON "office_person_organs" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "office_person_organs_unit_idx" ON "office_person_organs" USING btree ("org_unit_id");--> statement-breakpoint
ALTER TABLE "office_projects" ADD CONSTRAINT "office_projects_building_id_office_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."office_buildings"("id") ON DELETE no action ON UPDATE no action;