CREATE TABLE "energy_yearly" (
	"org_unit_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"energy_type" text NOT NULL,
	"for_heating" boolean NOT NULL,
	"quantity" numeric(20, 4) NOT NULL,
	"cost_fen" bigint NOT NULL,
	CONSTRAINT "energy_yearly_pk" PRIMARY KEY("org_unit_id","year","energy_type","for_heating")
);
--> statement-breakpoint
CREATE INDEX "energy_yearly_year_idx" ON "energy_yearly" USING btree ("year");