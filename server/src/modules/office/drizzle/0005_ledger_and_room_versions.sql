CREATE TABLE "office_ledger_rows" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"building_code" text NOT NULL,
	"room_number" text NOT NULL,
	"room_class" text NOT NULL,
	"usable_area" numeric(8, 2) NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_ledger_rows_area_ck" CHECK ("office_ledger_rows"."usable_area" > 0 and "office_ledger_rows"."usable_area" <= 3000),
	CONSTRAINT "office_ledger_rows_year_ck" CHECK ("office_ledger_rows"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "office_room_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"room_class" text NOT NULL,
	"sub_type" text NOT NULL,
	"usable_area" numeric(8, 2) NOT NULL,
	"gross_area" numeric(8, 2) NOT NULL,
	"washroom_area" numeric(8, 2) NOT NULL,
	"capacity" integer NOT NULL,
	"during" daterange NOT NULL
);
--> statement-breakpoint
ALTER TABLE "office_ledger_rows" ADD CONSTRAINT "office_ledger_rows_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_room_versions" ADD CONSTRAINT "office_room_versions_room_id_office_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."office_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "office_ledger_rows_room_uq" ON "office_ledger_rows" USING btree ("org_unit_id","year","building_code","room_number");--> statement-breakpoint
CREATE INDEX "office_ledger_rows_year_idx" ON "office_ledger_rows" USING btree ("year");--> statement-breakpoint
CREATE INDEX "office_room_versions_room_idx" ON "office_room_versions" USING btree ("room_id");