-- Buildings' recorded attributes over time, like rooms' (migration 0006): any past day reads the
-- certificate, certificate area, owner, gross area and structure as they were.
ALTER TABLE office_building_versions ADD CONSTRAINT office_building_versions_overlap_ex EXCLUDE USING gist (building_id WITH =, during WITH &&);
--> statement-breakpoint
ALTER TABLE office_building_versions ADD CONSTRAINT office_building_versions_area_ck CHECK (gross_area > 0 AND gross_area <= 500000 AND (cert_area IS NULL OR (cert_area > 0 AND cert_area <= 500000)) AND NOT isempty(during));
--> statement-breakpoint
INSERT INTO office_building_versions (building_id, title_cert_no, cert_area, owner, gross_area, structure, during)
  SELECT id, title_cert_no, cert_area, owner, gross_area, structure, daterange(NULL, NULL) FROM office_buildings;
--> statement-breakpoint
CREATE FUNCTION office_building_version_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_building_versions (building_id, title_cert_no, cert_area, owner, gross_area, structure, during)
    SELECT n.id, n.title_cert_no, n.cert_area, n.owner, n.gross_area, n.structure, daterange(NULL, NULL) FROM new_buildings n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_building_version_insert AFTER INSERT ON office_buildings REFERENCING NEW TABLE AS new_buildings
  FOR EACH STATEMENT EXECUTE FUNCTION office_building_version_insert();
--> statement-breakpoint
CREATE FUNCTION office_building_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NEW; END IF;
  IF current_setting('office.seeding', true) = 'on' THEN
    UPDATE office_building_versions SET title_cert_no = NEW.title_cert_no, cert_area = NEW.cert_area, owner = NEW.owner, gross_area = NEW.gross_area, structure = NEW.structure
      WHERE building_id = NEW.id AND upper_inf(during);
    RETURN NEW;
  END IF;
  UPDATE office_building_versions SET title_cert_no = NEW.title_cert_no, cert_area = NEW.cert_area, owner = NEW.owner, gross_area = NEW.gross_area, structure = NEW.structure
    WHERE building_id = NEW.id AND upper_inf(during) AND lower(during) = d;
  IF NOT FOUND THEN
    UPDATE office_building_versions SET during = daterange(lower(during), d) WHERE building_id = NEW.id AND upper_inf(during);
    INSERT INTO office_building_versions (building_id, title_cert_no, cert_area, owner, gross_area, structure, during)
      VALUES (NEW.id, NEW.title_cert_no, NEW.cert_area, NEW.owner, NEW.gross_area, NEW.structure, daterange(d, NULL));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_building_version_update AFTER UPDATE ON office_buildings FOR EACH ROW
  WHEN ((OLD.title_cert_no, OLD.cert_area, OLD.owner, OLD.gross_area, OLD.structure) IS DISTINCT FROM (NEW.title_cert_no, NEW.cert_area, NEW.owner, NEW.gross_area, NEW.structure))
  EXECUTE FUNCTION office_building_version_update();
