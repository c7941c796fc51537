CREATE TABLE "office_service_standards" (
	"id" serial PRIMARY KEY NOT NULL,
	"organ_level" text NOT NULL,
	"min_m2" numeric(6, 2),
	"max_m2" numeric(6, 2) NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "office_service_standards_area_ck" CHECK ("office_service_standards"."max_m2" > 0 and "office_service_standards"."max_m2" <= 50 and ("office_service_standards"."min_m2" is null or ("office_service_standards"."min_m2" > 0 and "office_service_standards"."min_m2" <= "office_service_standards"."max_m2")))
);
--> statement-breakpoint
ALTER TABLE "office_service_standards" ADD CONSTRAINT "office_service_standards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "office_service_standards_version_uq" ON "office_service_standards" USING btree ("organ_level","effective_from");