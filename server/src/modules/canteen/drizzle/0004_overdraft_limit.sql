-- The largest overdraft canteen staff may allow a person (versioned reference data; the province
-- bureau adds a row with a later effective_from). Initial value, to be confirmed by the bureau.
INSERT INTO canteen_overdraft_limits (max_fen, source, effective_from) VALUES
  (10000, '初始值(待省机关事务管理局确认) / initial value, to be confirmed by the province bureau', '2024-01-01');
