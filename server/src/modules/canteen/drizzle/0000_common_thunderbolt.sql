CREATE TABLE "canteen_absences" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_absences_range" CHECK ("canteen_absences"."from_day" <= "canteen_absences"."to_day" and "canteen_absences"."to_day" - "canteen_absences"."from_day" <= 366)
);
--> statement-breakpoint
CREATE TABLE "canteen_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_unit_id" integer NOT NULL,
	"user_id" integer,
	"canteen_id" integer,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"overdraft_fen" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "canteen_accounts_owner" CHECK (("canteen_accounts"."kind" = 'person') = ("canteen_accounts"."user_id" is not null) and ("canteen_accounts"."kind" = 'person') = ("canteen_accounts"."canteen_id" is null)),
	CONSTRAINT "canteen_accounts_overdraft" CHECK ("canteen_accounts"."overdraft_fen" >= 0 and ("canteen_accounts"."kind" <> 'person' or "canteen_accounts"."balance_fen" >= -"canteen_accounts"."overdraft_fen"))
);
--> statement-breakpoint
CREATE TABLE "canteen_bookings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"day" date NOT NULL,
	"meal" text NOT NULL,
	"category_id" integer NOT NULL,
	"price_fen" integer NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"charged" boolean DEFAULT false NOT NULL,
	"pickup_code" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"served_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "canteen_bookings_price" CHECK ("canteen_bookings"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_holidays" (
	"canteen_id" integer NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "canteen_holidays_canteen_id_day_pk" PRIMARY KEY("canteen_id","day")
);
--> statement-breakpoint
CREATE TABLE "canteen_eligible_units" (
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	CONSTRAINT "canteen_eligible_units_canteen_id_org_unit_id_pk" PRIMARY KEY("canteen_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "canteen_canteens" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"charge_mode" text DEFAULT 'booking' NOT NULL,
	"open_weekdays" smallint[] DEFAULT '{1,2,3,4,5}'::smallint[] NOT NULL,
	"portion_grams" integer DEFAULT 450 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_canteens_portion" CHECK ("canteen_canteens"."portion_grams" > 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_diner_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"breakfast_fen" integer NOT NULL,
	"lunch_fen" integer NOT NULL,
	"dinner_fen" integer NOT NULL,
	"monthly_subsidy_fen" integer DEFAULT 0 NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	CONSTRAINT "canteen_diner_categories_fen" CHECK ("canteen_diner_categories"."breakfast_fen" >= 0 and "canteen_diner_categories"."lunch_fen" >= 0 and "canteen_diner_categories"."dinner_fen" >= 0 and "canteen_diner_categories"."monthly_subsidy_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_diners" (
	"canteen_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_diners_canteen_id_user_id_pk" PRIMARY KEY("canteen_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "canteen_dishes" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"price_fen" integer NOT NULL,
	"allergens" text[] DEFAULT '{}'::text[] NOT NULL,
	"nutrition" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"photo_file_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "canteen_dishes_price" CHECK ("canteen_dishes"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"from_account_id" integer NOT NULL,
	"to_account_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"key" text NOT NULL,
	"canteen_id" integer,
	"memo" text,
	"created_by" integer,
	CONSTRAINT "canteen_ledger_amount" CHECK ("canteen_ledger"."amount_fen" > 0 and "canteen_ledger"."from_account_id" <> "canteen_ledger"."to_account_id")
);
--> statement-breakpoint
CREATE TABLE "canteen_meal_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"meal" text NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"book_days_before" smallint DEFAULT 0 NOT NULL,
	"book_cutoff" time NOT NULL,
	"cancel_days_before" smallint DEFAULT 0 NOT NULL,
	"cancel_cutoff" time NOT NULL,
	CONSTRAINT "canteen_meal_periods_days" CHECK ("canteen_meal_periods"."book_days_before" between 0 and 14 and "canteen_meal_periods"."cancel_days_before" between 0 and 14),
	CONSTRAINT "canteen_meal_periods_times" CHECK ("canteen_meal_periods"."starts_at" < "canteen_meal_periods"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "canteen_meal_services" (
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"day" date NOT NULL,
	"meal" text NOT NULL,
	"booked" integer,
	"booked_served" integer,
	"walk_ins" integer DEFAULT 0 NOT NULL,
	"prepared" integer,
	"prep_surplus_g" integer,
	"unserved_g" integer,
	"plate_g" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_meal_services_canteen_id_day_meal_pk" PRIMARY KEY("canteen_id","day","meal"),
	CONSTRAINT "canteen_meal_services_nonneg" CHECK ("canteen_meal_services"."walk_ins" >= 0 and coalesce("canteen_meal_services"."prepared", 0) >= 0 and coalesce("canteen_meal_services"."booked", 0) >= 0 and coalesce("canteen_meal_services"."booked_served", 0) >= 0
    and coalesce("canteen_meal_services"."prep_surplus_g", 0) >= 0 and coalesce("canteen_meal_services"."unserved_g", 0) >= 0 and coalesce("canteen_meal_services"."plate_g", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_menu_items" (
	"canteen_id" integer NOT NULL,
	"day" date NOT NULL,
	"meal" text NOT NULL,
	"dish_id" integer NOT NULL,
	CONSTRAINT "canteen_menu_items_canteen_id_day_meal_dish_id_pk" PRIMARY KEY("canteen_id","day","meal","dish_id")
);
--> statement-breakpoint
CREATE TABLE "canteen_payment_nonces" (
	"provider" text NOT NULL,
	"nonce" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_payment_nonces_provider_nonce_pk" PRIMARY KEY("provider","nonce")
);
--> statement-breakpoint
CREATE TABLE "canteen_payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"user_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"canteen_id" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider_ref" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "canteen_payments_amount" CHECK ("canteen_payments"."amount_fen" > 0 and "canteen_payments"."amount_fen" <= 10000000)
);
--> statement-breakpoint
CREATE TABLE "canteen_ratings" (
	"user_id" integer NOT NULL,
	"dish_id" integer NOT NULL,
	"day" date NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_ratings_user_id_dish_id_day_pk" PRIMARY KEY("user_id","dish_id","day"),
	CONSTRAINT "canteen_ratings_stars" CHECK ("canteen_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "canteen_reception_standards" (
	"id" serial PRIMARY KEY NOT NULL,
	"meal" text NOT NULL,
	"per_person_fen" integer NOT NULL,
	"source" text NOT NULL,
	"effective_from" date NOT NULL,
	CONSTRAINT "canteen_reception_standards_fen" CHECK ("canteen_reception_standards"."per_person_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_receptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"day" date NOT NULL,
	"meal" text NOT NULL,
	"purpose" text NOT NULL,
	"guests" integer NOT NULL,
	"hosts" integer NOT NULL,
	"standard_fen" integer NOT NULL,
	"cost_fen" integer NOT NULL,
	"exceeded" boolean NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_receptions_nums" CHECK ("canteen_receptions"."guests" >= 1 and "canteen_receptions"."hosts" >= 0 and "canteen_receptions"."cost_fen" >= 0 and "canteen_receptions"."standard_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_subsidy_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"people" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"approval_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canteen_subsidy_month" CHECK ("canteen_subsidy_batches"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "canteen_suggestions" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "canteen_takeaway_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"day" date NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '份' NOT NULL,
	"price_fen" integer NOT NULL,
	"stock" integer NOT NULL,
	"remaining" integer NOT NULL,
	"slots" text[] NOT NULL,
	"order_cutoff" timestamp with time zone NOT NULL,
	CONSTRAINT "canteen_takeaway_stock" CHECK ("canteen_takeaway_items"."stock" >= 0 and "canteen_takeaway_items"."remaining" >= 0 and "canteen_takeaway_items"."remaining" <= "canteen_takeaway_items"."stock"),
	CONSTRAINT "canteen_takeaway_price" CHECK ("canteen_takeaway_items"."price_fen" >= 0),
	CONSTRAINT "canteen_takeaway_slots" CHECK (cardinality("canteen_takeaway_items"."slots") > 0)
);
--> statement-breakpoint
CREATE TABLE "canteen_takeaway_orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"canteen_id" integer NOT NULL,
	"org_unit_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"slot" text NOT NULL,
	"status" text DEFAULT 'ordered' NOT NULL,
	"charged" boolean DEFAULT false NOT NULL,
	"pickup_code" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"picked_up_at" timestamp with time zone,
	CONSTRAINT "canteen_takeaway_orders_qty" CHECK ("canteen_takeaway_orders"."quantity" between 1 and 50 and "canteen_takeaway_orders"."amount_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "canteen_absences" ADD CONSTRAINT "canteen_absences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_accounts" ADD CONSTRAINT "canteen_accounts_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_accounts" ADD CONSTRAINT "canteen_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_accounts" ADD CONSTRAINT "canteen_accounts_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_bookings" ADD CONSTRAINT "canteen_bookings_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_bookings" ADD CONSTRAINT "canteen_bookings_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_bookings" ADD CONSTRAINT "canteen_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_bookings" ADD CONSTRAINT "canteen_bookings_category_id_canteen_diner_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."canteen_diner_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_holidays" ADD CONSTRAINT "canteen_holidays_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_eligible_units" ADD CONSTRAINT "canteen_eligible_units_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_eligible_units" ADD CONSTRAINT "canteen_eligible_units_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_canteens" ADD CONSTRAINT "canteen_canteens_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_diner_categories" ADD CONSTRAINT "canteen_diner_categories_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_diners" ADD CONSTRAINT "canteen_diners_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_diners" ADD CONSTRAINT "canteen_diners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_diners" ADD CONSTRAINT "canteen_diners_category_id_canteen_diner_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."canteen_diner_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_dishes" ADD CONSTRAINT "canteen_dishes_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_dishes" ADD CONSTRAINT "canteen_dishes_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_ledger" ADD CONSTRAINT "canteen_ledger_from_account_id_canteen_accounts_id_fk" FOREIGN KEY ("from_account_id") REFERENCES "public"."canteen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_ledger" ADD CONSTRAINT "canteen_ledger_to_account_id_canteen_accounts_id_fk" FOREIGN KEY ("to_account_id") REFERENCES "public"."canteen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_ledger" ADD CONSTRAINT "canteen_ledger_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_meal_periods" ADD CONSTRAINT "canteen_meal_periods_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_meal_services" ADD CONSTRAINT "canteen_meal_services_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_meal_services" ADD CONSTRAINT "canteen_meal_services_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_menu_items" ADD CONSTRAINT "canteen_menu_items_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_menu_items" ADD CONSTRAINT "canteen_menu_items_dish_id_canteen_dishes_id_fk" FOREIGN KEY ("dish_id") REFERENCES "public"."canteen_dishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_payments" ADD CONSTRAINT "canteen_payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_payments" ADD CONSTRAINT "canteen_payments_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_payments" ADD CONSTRAINT "canteen_payments_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_ratings" ADD CONSTRAINT "canteen_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_ratings" ADD CONSTRAINT "canteen_ratings_dish_id_canteen_dishes_id_fk" FOREIGN KEY ("dish_id") REFERENCES "public"."canteen_dishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_receptions" ADD CONSTRAINT "canteen_receptions_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_receptions" ADD CONSTRAINT "canteen_receptions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_subsidy_batches" ADD CONSTRAINT "canteen_subsidy_batches_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_subsidy_batches" ADD CONSTRAINT "canteen_subsidy_batches_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD CONSTRAINT "canteen_suggestions_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD CONSTRAINT "canteen_suggestions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_suggestions" ADD CONSTRAINT "canteen_suggestions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_items" ADD CONSTRAINT "canteen_takeaway_items_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_items" ADD CONSTRAINT "canteen_takeaway_items_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_orders" ADD CONSTRAINT "canteen_takeaway_orders_item_id_canteen_takeaway_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."canteen_takeaway_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_orders" ADD CONSTRAINT "canteen_takeaway_orders_canteen_id_canteen_canteens_id_fk" FOREIGN KEY ("canteen_id") REFERENCES "public"."canteen_canteens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_orders" ADD CONSTRAINT "canteen_takeaway_orders_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canteen_takeaway_orders" ADD CONSTRAINT "canteen_takeaway_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_accounts_person_uq" ON "canteen_accounts" USING btree ("user_id") WHERE "canteen_accounts"."kind" = 'person';--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_accounts_system_uq" ON "canteen_accounts" USING btree ("canteen_id","kind") WHERE "canteen_accounts"."kind" <> 'person';--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_bookings_live_uq" ON "canteen_bookings" USING btree ("user_id","day","meal") WHERE "canteen_bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_bookings_code_uq" ON "canteen_bookings" USING btree ("pickup_code");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_bookings_idem_uq" ON "canteen_bookings" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "canteen_bookings_meal_idx" ON "canteen_bookings" USING btree ("canteen_id","day","meal");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_canteens_name_uq" ON "canteen_canteens" USING btree ("org_unit_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_diner_categories_uq" ON "canteen_diner_categories" USING btree ("canteen_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_diner_categories_default_uq" ON "canteen_diner_categories" USING btree ("canteen_id") WHERE "canteen_diner_categories"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_dishes_name_uq" ON "canteen_dishes" USING btree ("canteen_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_ledger_key_uq" ON "canteen_ledger" USING btree ("key");--> statement-breakpoint
CREATE INDEX "canteen_ledger_from_idx" ON "canteen_ledger" USING btree ("from_account_id","at");--> statement-breakpoint
CREATE INDEX "canteen_ledger_to_idx" ON "canteen_ledger" USING btree ("to_account_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_meal_periods_uq" ON "canteen_meal_periods" USING btree ("canteen_id","meal");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_payments_idem_uq" ON "canteen_payments" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_payments_ref_uq" ON "canteen_payments" USING btree ("provider","provider_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_reception_standards_uq" ON "canteen_reception_standards" USING btree ("meal","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_subsidy_batches_uq" ON "canteen_subsidy_batches" USING btree ("canteen_id","month") WHERE "canteen_subsidy_batches"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_takeaway_items_uq" ON "canteen_takeaway_items" USING btree ("canteen_id","day","name");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_takeaway_orders_code_uq" ON "canteen_takeaway_orders" USING btree ("pickup_code");--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_takeaway_orders_idem_uq" ON "canteen_takeaway_orders" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "canteen_takeaway_orders_item_idx" ON "canteen_takeaway_orders" USING btree ("item_id");