ALTER TABLE "office_building_versions" ADD COLUMN "name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "office_building_versions" ADD COLUMN "address" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "office_building_versions" ADD COLUMN "year_built" integer;--> statement-breakpoint
ALTER TABLE "office_building_versions" ADD COLUMN "org_unit_id" integer;--> statement-breakpoint
ALTER TABLE "office_building_versions" ADD CONSTRAINT "office_building_versions_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A building's name, address, construction year and keeping organ are dated like its other
-- attributes (migration 0015): the versions carry them, every past version gets the values known
-- today (nothing older was recorded), and a change holds from office.valid_from (the dated edit
-- form, PATCH /api/office/buildings/:id {from}) or from today (Shanghai).
UPDATE office_building_versions v SET name = b.name, address = b.address, year_built = b.year_built, org_unit_id = b.org_unit_id
  FROM office_buildings b WHERE b.id = v.building_id;
--> statement-breakpoint
ALTER TABLE office_building_versions ADD CONSTRAINT office_building_versions_unit_ck CHECK (org_unit_id IS NOT NULL AND (year_built IS NULL OR year_built BETWEEN 1900 AND 2100));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION office_building_version_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO office_building_versions (building_id, title_cert_no, cert_area, owner, gross_area, structure, name, address, year_built, org_unit_id, during)
    SELECT n.id, n.title_cert_no, n.cert_area, n.owner, n.gross_area, n.structure, n.name, n.address, n.year_built, n.org_unit_id, daterange(office_valid_from(), NULL) FROM new_buildings n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION office_building_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d date := coalesce(office_valid_from(), (now() AT TIME ZONE 'Asia/Shanghai')::date);
BEGIN
  IF current_setting('guanjia.restoring', true) = 'on' THEN RETURN NEW; END IF;
  IF current_setting('office.seeding', true) = 'on' THEN
    UPDATE office_building_versions SET title_cert_no = NEW.title_cert_no, cert_area = NEW.cert_area, owner = NEW.owner, gross_area = NEW.gross_area, structure = NEW.structure,
        name = NEW.name, address = NEW.address, year_built = NEW.year_built, org_unit_id = NEW.org_unit_id
      WHERE building_id = NEW.id AND upper_inf(during);
    RETURN NEW;
  END IF;
  UPDATE office_building_versions SET title_cert_no = NEW.title_cert_no, cert_area = NEW.cert_area, owner = NEW.owner, gross_area = NEW.gross_area, structure = NEW.structure,
      name = NEW.name, address = NEW.address, year_built = NEW.year_built, org_unit_id = NEW.org_unit_id
    WHERE building_id = NEW.id AND upper_inf(during) AND lower(during) = d;
  IF NOT FOUND THEN
    -- A day before the open version's start is left overlapping: the exclusion constraint refuses it.
    UPDATE office_building_versions SET during = daterange(lower(during), d) WHERE building_id = NEW.id AND upper_inf(during) AND (lower_inf(during) OR lower(during) < d);
    INSERT INTO office_building_versions (building_id, title_cert_no, cert_area, owner, gross_area, structure, name, address, year_built, org_unit_id, during)
      VALUES (NEW.id, NEW.title_cert_no, NEW.cert_area, NEW.owner, NEW.gross_area, NEW.structure, NEW.name, NEW.address, NEW.year_built, NEW.org_unit_id, daterange(d, NULL));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER office_building_version_update ON office_buildings;
--> statement-breakpoint
CREATE TRIGGER office_building_version_update AFTER UPDATE ON office_buildings FOR EACH ROW
  WHEN ((OLD.title_cert_no, OLD.cert_area, OLD.owner, OLD.gross_area, OLD.structure, OLD.name, OLD.address, OLD.year_built, OLD.org_unit_id)
    IS DISTINCT FROM (NEW.title_cert_no, NEW.cert_area, NEW.owner, NEW.gross_area, NEW.structure, NEW.name, NEW.address, NEW.year_built, NEW.org_unit_id))
  EXECUTE FUNCTION office_building_version_update();
