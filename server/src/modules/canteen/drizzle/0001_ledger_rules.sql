-- The meal-account ledger: a posting moves money between two accounts and updates the balance of
-- any person account it touches in the same statement; the CHECK on canteen_accounts then refuses a
-- balance below the allowed overdraft (the whole transaction rolls back). The ledger is append-only.
CREATE OR REPLACE FUNCTION canteen_ledger_post() RETURNS trigger AS $$
BEGIN
  UPDATE canteen_accounts SET balance_fen = balance_fen - NEW.amount_fen WHERE id = NEW.from_account_id AND kind = 'person';
  UPDATE canteen_accounts SET balance_fen = balance_fen + NEW.amount_fen WHERE id = NEW.to_account_id AND kind = 'person';
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER canteen_ledger_post AFTER INSERT ON canteen_ledger FOR EACH ROW EXECUTE FUNCTION canteen_ledger_post();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION canteen_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'canteen_ledger is append-only' USING ERRCODE = 'P0001';
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER canteen_ledger_no_change BEFORE UPDATE OR DELETE ON canteen_ledger FOR EACH ROW EXECUTE FUNCTION canteen_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER canteen_ledger_no_truncate BEFORE TRUNCATE ON canteen_ledger FOR EACH STATEMENT EXECUTE FUNCTION canteen_ledger_append_only();
--> statement-breakpoint
-- Balances only change through the ledger: a direct UPDATE of balance_fen is refused.
CREATE OR REPLACE FUNCTION canteen_balance_guard() RETURNS trigger AS $$
BEGIN
  IF NEW.balance_fen <> OLD.balance_fen AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'canteen account balances change only through canteen_ledger' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER canteen_balance_guard BEFORE UPDATE ON canteen_accounts FOR EACH ROW EXECUTE FUNCTION canteen_balance_guard();
--> statement-breakpoint
-- Official reception meal standards per person (公务接待工作餐标准). Versioned reference data: the
-- province bureau edits them as new rows with a later effective_from. The figures below are the
-- initial values to be confirmed against the province's published rules.
INSERT INTO canteen_reception_standards (meal, per_person_fen, source, effective_from) VALUES
  ('breakfast', 3000, '黑龙江省党政机关国内公务接待管理规定 工作餐标准(初始值,待省机关事务管理局确认)', '2024-01-01'),
  ('lunch', 12000, '黑龙江省党政机关国内公务接待管理规定 工作餐标准(初始值,待省机关事务管理局确认)', '2024-01-01'),
  ('dinner', 12000, '黑龙江省党政机关国内公务接待管理规定 工作餐标准(初始值,待省机关事务管理局确认)', '2024-01-01');
