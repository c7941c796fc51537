CREATE TABLE "canteen_booking_dishes" (
	"booking_id" bigint NOT NULL,
	"dish_id" integer NOT NULL,
	"portions" smallint NOT NULL,
	CONSTRAINT "canteen_booking_dishes_booking_id_dish_id_pk" PRIMARY KEY("booking_id","dish_id"),
	CONSTRAINT "canteen_booking_dishes_portions" CHECK ("canteen_booking_dishes"."portions" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "canteen_overdraft_limits" (
	"id" serial PRIMARY KEY NOT NULL,
	"max_fen" integer NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	"created_by" integer,
	CONSTRAINT "canteen_overdraft_limits_fen" CHECK ("canteen_overdraft_limits"."max_fen" >= 0 and "canteen_overdraft_limits"."max_fen" <= 10000000)
);
--> statement-breakpoint
ALTER TABLE "canteen_canteens" ADD COLUMN "allow_dish_choice" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD COLUMN "reply" text;--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD COLUMN "replied_by" integer;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_items" ADD COLUMN "withdrawn" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "canteen_booking_dishes" ADD CONSTRAINT "canteen_booking_dishes_booking_id_canteen_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."canteen_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_booking_dishes" ADD CONSTRAINT "canteen_booking_dishes_dish_id_canteen_dishes_id_fk" FOREIGN KEY ("dish_id") REFERENCES "public"."canteen_dishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "canteen_booking_dishes_dish_idx" ON "canteen_booking_dishes" USING btree ("dish_id");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_overdraft_limits_uq" ON "canteen_overdraft_limits" USING btree ("effective_from");--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD CONSTRAINT "canteen_suggestions_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;