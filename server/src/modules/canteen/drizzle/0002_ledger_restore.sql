-- A restore (kernel backup) inserts the accounts with their balances and then the ledger rows they
-- already include: while `guanjia.restoring` is on, the ledger trigger leaves balances alone.
CREATE OR REPLACE FUNCTION canteen_ledger_post() RETURNS trigger AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN
    RETURN NEW;
  END IF;
  UPDATE canteen_accounts SET balance_fen = balance_fen - NEW.amount_fen WHERE id = NEW.from_account_id AND kind = 'person';
  UPDATE canteen_accounts SET balance_fen = balance_fen + NEW.amount_fen WHERE id = NEW.to_account_id AND kind = 'person';
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
