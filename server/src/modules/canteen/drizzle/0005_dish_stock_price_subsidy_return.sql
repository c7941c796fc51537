DROP INDEX "canteen_subsidy_batches_uq";--> statement-breakpoint
ALTER TABLE "canteen_canteens" ADD COLUMN "price_per_dish" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "canteen_menu_items" ADD COLUMN "stock" integer;--> statement-breakpoint
ALTER TABLE "canteen_menu_items" ADD COLUMN "remaining" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "canteen_subsidy_batches_live_uq" ON "canteen_subsidy_batches" USING btree ("canteen_id","month") WHERE "canteen_subsidy_batches"."status" not in ('rejected', 'cancelled');--> statement-breakpoint
ALTER TABLE "canteen_menu_items" ADD CONSTRAINT "canteen_menu_items_stock" CHECK (("canteen_menu_items"."stock" is null and "canteen_menu_items"."remaining" is null) or ("canteen_menu_items"."remaining" >= 0 and "canteen_menu_items"."remaining" <= "canteen_menu_items"."stock"));