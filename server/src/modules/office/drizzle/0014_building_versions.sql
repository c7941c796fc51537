CREATE TABLE "office_building_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"title_cert_no" text NOT NULL,
	"cert_area" numeric(12, 2),
	"owner" text NOT NULL,
	"gross_area" numeric(12, 2) NOT NULL,
	"structure" text NOT NULL,
	"during" daterange NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_building_versions" ADD CONSTRAINT "office_building_versions_building_id_office_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."office_buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "office_building_versions_building_idx" ON "office_building_versions" USING btree ("building_id");