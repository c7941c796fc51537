-- Energy types of the statistics system (公共机构能源资源消费统计调查制度), natural units.
INSERT INTO energy_types (code, name_zh, name_en, unit, liquid, is_energy, sort) VALUES
  ('electricity', '电力', 'Electricity', 'kWh', false, true, 1),
  ('water', '水', 'Water', 'm3', false, false, 2),
  ('coal', '原煤', 'Raw coal', 'kg', false, true, 3),
  ('natural_gas', '天然气', 'Natural gas', 'm3', false, true, 4),
  ('lpg', '液化石油气', 'LPG', 'kg', false, true, 5),
  ('town_gas', '人工煤气', 'Town gas', 'm3', false, true, 6),
  ('gasoline', '汽油', 'Gasoline', 'kg', true, true, 7),
  ('diesel', '柴油', 'Diesel', 'kg', true, true, 8),
  ('kerosene', '煤油', 'Kerosene', 'kg', true, true, 9),
  ('heat', '外购热力', 'Purchased heat', 'GJ', false, true, 10),
  ('solar', '自产光伏发电', 'On-site solar', 'kWh', false, false, 11),
  ('other', '其他能源(已折标)', 'Other energy (in kgce)', 'kgce', false, true, 12);
--> statement-breakpoint
-- Standard-coal coefficients, GB/T 2589 as commonly reproduced (kgce per natural unit).
INSERT INTO energy_factors (kind, energy_type, method, region, year, value, source) VALUES
  ('coal', 'electricity', 'calorific', 'national', 2020, 0.1229, 'GB/T 2589 当量值'),
  ('coal', 'coal', 'calorific', 'national', 2020, 0.7143, 'GB/T 2589'),
  ('coal', 'gasoline', 'calorific', 'national', 2020, 1.4714, 'GB/T 2589'),
  ('coal', 'diesel', 'calorific', 'national', 2020, 1.4571, 'GB/T 2589'),
  ('coal', 'kerosene', 'calorific', 'national', 2020, 1.4714, 'GB/T 2589'),
  ('coal', 'lpg', 'calorific', 'national', 2020, 1.7143, 'GB/T 2589'),
  ('coal', 'natural_gas', 'calorific', 'national', 2020, 1.2143, 'GB/T 2589(气田天然气)'),
  ('coal', 'heat', 'calorific', 'national', 2020, 34.12, 'GB/T 2589(34.12 kgce/GJ)'),
  ('coal', 'other', 'calorific', 'national', 2020, 1, '已折标煤,按 1 计'),
  ('coal', 'other', 'equal_value', 'national', 2020, 1, '已折标煤,按 1 计'),
-- Electricity CO₂ (kg CO₂/kWh), Ministry of Ecology and Environment with the statistics bureau.
  ('co2', 'electricity', 'none', 'national', 2021, 0.5568, '生态环境部 2021 年全国电网平均排放因子'),
  ('co2', 'electricity', 'none', 'national', 2022, 0.5366, '生态环境部、国家统计局 2022 年全国电力平均二氧化碳排放因子'),
  ('co2', 'electricity', 'none', 'north', 2022, 0.6776, '生态环境部、国家统计局 2022 年华北区域'),
  ('co2', 'electricity', 'none', 'northeast', 2022, 0.5564, '生态环境部、国家统计局 2022 年东北区域'),
  ('co2', 'electricity', 'none', 'east', 2022, 0.5617, '生态环境部、国家统计局 2022 年华东区域'),
  ('co2', 'electricity', 'none', 'central', 2022, 0.5395, '生态环境部、国家统计局 2022 年华中区域'),
  ('co2', 'electricity', 'none', 'northwest', 2022, 0.5857, '生态环境部、国家统计局 2022 年西北区域'),
  ('co2', 'electricity', 'none', 'south', 2022, 0.3869, '生态环境部、国家统计局 2022 年南方区域'),
  ('co2', 'electricity', 'none', 'southwest', 2022, 0.2268, '生态环境部、国家统计局 2022 年西南区域'),
-- Fuel CO₂ (kg CO₂ per natural unit), default heating value × carbon content × oxidation (to verify).
  ('co2', 'natural_gas', 'none', 'national', 2020, 2.16, '缺省低位发热量×单位热值含碳量×碳氧化率(待核)'),
  ('co2', 'gasoline', 'none', 'national', 2020, 2.93, '缺省低位发热量×单位热值含碳量×碳氧化率(待核)'),
  ('co2', 'diesel', 'none', 'national', 2020, 3.10, '缺省低位发热量×单位热值含碳量×碳氧化率(待核)'),
  ('co2', 'lpg', 'none', 'national', 2020, 3.10, '缺省低位发热量×单位热值含碳量×碳氧化率(待核)'),
  ('co2', 'coal', 'none', 'national', 2020, 1.90, '缺省低位发热量×单位热值含碳量×碳氧化率(待核)'),
  ('co2', 'heat', 'none', 'national', 2020, 110, '热力 0.11 tCO₂/GJ(待核)'),
-- Densities of liquid fuels (kg/L), editable.
  ('density', 'gasoline', 'none', 'national', 2020, 0.73, '常用密度(可修改)'),
  ('density', 'diesel', 'none', 'national', 2020, 0.84, '常用密度(可修改)');
--> statement-breakpoint
INSERT INTO energy_grid_regions (province_code, grid, source) VALUES ('230000', 'northeast', '东北区域电网');
--> statement-breakpoint
INSERT INTO energy_heating_seasons (province_code, starts_md, ends_md, source) VALUES ('230000', '10-20', '04-20', '黑龙江省供热条例:10月20日至次年4月20日');
--> statement-breakpoint
INSERT INTO energy_target_defaults (indicator, reduction_pct, baseline_year, target_year, source) VALUES
  ('per_area', 5, 2020, 2025, '《"十四五"公共机构节约能源资源工作规划》(国管局、国家发展改革委,2021年6月)'),
  ('per_capita', 6, 2020, 2025, '《"十四五"公共机构节约能源资源工作规划》(国管局、国家发展改革委,2021年6月)'),
  ('water_per_capita', 6, 2020, 2025, '《"十四五"公共机构节约能源资源工作规划》(国管局、国家发展改革委,2021年6月)'),
  ('co2_per_area', 7, 2020, 2025, '《"十四五"公共机构节约能源资源工作规划》(国管局、国家发展改革委,2021年6月)');
--> statement-breakpoint
ALTER TABLE energy_bills ADD CONSTRAINT energy_bills_no_overlap
  EXCLUDE USING gist (org_unit_id WITH =, energy_type WITH =, daterange(period_start, period_end, '[]') WITH &&);
--> statement-breakpoint
-- The monthly summary follows every change of energy_consumption in the same statement.
CREATE FUNCTION energy_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO energy_monthly AS m (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
      SELECT org_unit_id, month, energy_type, for_heating, sum(quantity), sum(cost_fen) FROM new_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_unit_id, month, energy_type, for_heating)
      DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO energy_monthly AS m (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
      SELECT org_unit_id, month, energy_type, for_heating, -sum(quantity), -sum(cost_fen) FROM old_rows GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_unit_id, month, energy_type, for_heating)
      DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen;
    DELETE FROM energy_monthly m USING old_rows o
      WHERE m.org_unit_id = o.org_unit_id AND m.month = o.month AND m.energy_type = o.energy_type
        AND m.for_heating = o.for_heating AND m.quantity = 0 AND m.cost_fen = 0;
  ELSE
    INSERT INTO energy_monthly AS m (org_unit_id, month, energy_type, for_heating, quantity, cost_fen)
      SELECT org_unit_id, month, energy_type, for_heating, sum(q), sum(c) FROM (
        SELECT org_unit_id, month, energy_type, for_heating, quantity AS q, cost_fen AS c FROM new_rows
        UNION ALL
        SELECT org_unit_id, month, energy_type, for_heating, -quantity, -cost_fen FROM old_rows) d
      GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_unit_id, month, energy_type, for_heating)
      DO UPDATE SET quantity = m.quantity + excluded.quantity, cost_fen = m.cost_fen + excluded.cost_fen;
    DELETE FROM energy_monthly m USING old_rows o
      WHERE m.org_unit_id = o.org_unit_id AND m.month = o.month AND m.energy_type = o.energy_type
        AND m.for_heating = o.for_heating AND m.quantity = 0 AND m.cost_fen = 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A month inside a submitted or accepted report of its institution is locked: no insert, update or delete.
CREATE FUNCTION energy_assert_unlocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM changed_rows c
      JOIN energy_reports r ON r.org_unit_id = c.org_unit_id AND r.status IN ('submitted', 'accepted')
      JOIN energy_periods p ON p.id = r.period_id AND c.month BETWEEN p.starts_on AND p.ends_on
  ) THEN
    RAISE EXCEPTION 'energy_period_locked' USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER energy_consumption_ins AFTER INSERT ON energy_consumption REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_monthly_apply();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_del AFTER DELETE ON energy_consumption REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_monthly_apply();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_upd AFTER UPDATE ON energy_consumption REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_monthly_apply();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_lock_ins AFTER INSERT ON energy_consumption REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_assert_unlocked();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_lock_upd AFTER UPDATE ON energy_consumption REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_assert_unlocked();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_lock_del AFTER DELETE ON energy_consumption REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_assert_unlocked();
--> statement-breakpoint
CREATE TRIGGER energy_consumption_lock_upd_new AFTER UPDATE ON energy_consumption REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION energy_assert_unlocked();
