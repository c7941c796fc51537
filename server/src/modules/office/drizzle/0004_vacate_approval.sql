ALTER TABLE "office_vacate_tasks" ADD COLUMN "vacated_on" date;--> statement-breakpoint
ALTER TABLE "office_vacate_tasks" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "office_vacate_tasks" ADD COLUMN "approval_id" integer;--> statement-breakpoint
ALTER TABLE "office_vacate_tasks" ADD CONSTRAINT "office_vacate_tasks_claim_ck" CHECK (("office_vacate_tasks"."approval_id" is null) = ("office_vacate_tasks"."vacated_on" is null) or "office_vacate_tasks"."done_on" is not null);