-- The initial overdraft maximum (0004) carried its source in two languages in one string, so the
-- Chinese page showed "/ initial value, to be confirmed by the province bureau". A source is the
-- citation of a (Chinese) document, written as the reception standards' (0001); the page's
-- placeholder tag says "to be confirmed" in the reader's language. Only that seeded row changes.
UPDATE canteen_overdraft_limits SET source = '初始值(待省机关事务管理局确认)'
  WHERE effective_from = '2024-01-01' AND source = '初始值(待省机关事务管理局确认) / initial value, to be confirmed by the province bureau';
