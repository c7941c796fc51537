-- Heating seasons become versioned: one row per province and first year it applies.
ALTER TABLE "energy_heating_seasons" DROP CONSTRAINT "energy_heating_seasons_pkey";--> statement-breakpoint
ALTER TABLE "energy_heating_seasons" ADD COLUMN "from_year" smallint DEFAULT 2000 NOT NULL;--> statement-breakpoint
ALTER TABLE "energy_heating_seasons" ADD CONSTRAINT "energy_heating_seasons_pk" PRIMARY KEY("province_code","from_year");--> statement-breakpoint
ALTER TABLE "energy_heating_seasons" ADD CONSTRAINT "energy_heating_seasons_md" CHECK ("energy_heating_seasons"."starts_md" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' and "energy_heating_seasons"."ends_md" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' and "energy_heating_seasons"."starts_md" <> "energy_heating_seasons"."ends_md");
