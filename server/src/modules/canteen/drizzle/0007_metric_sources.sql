-- The canteen's live metrics (waste per meal, no-show rate) read only meal services, bookings and
-- canteens; they now declare those as their sources (reports.service.ts), so the kernel's metric
-- cache bumps a version only when one of them changes. The statement-level version triggers it had
-- added to every other canteen table (ledger, accounts, takeaway, dishes…) cost one extra INSERT …
-- ON CONFLICT per written table and statement on the hot booking and order paths: they go.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    WHERE g.tgname = 'metric_version' AND c.relname LIKE 'canteen\_%'
      AND c.relname NOT IN ('canteen_meal_services', 'canteen_bookings', 'canteen_canteens')
  LOOP
    EXECUTE format('DROP TRIGGER metric_version ON %I', t);
  END LOOP;
END $$;
