-- A counter that moves whenever anything a user's grants are computed from changes (roles, their
-- permissions, assignments, org paths). Servers cache grants per (user, epoch): a change is seen by
-- every instance on its next request, because the bump commits with the change itself.
CREATE TABLE grants_epoch (id boolean PRIMARY KEY DEFAULT true CHECK (id), n bigint NOT NULL);
--> statement-breakpoint
INSERT INTO grants_epoch (n) VALUES (1);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION grants_epoch_bump() RETURNS trigger AS $$
BEGIN
  UPDATE grants_epoch SET n = n + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER roles_epoch AFTER INSERT OR UPDATE OR DELETE ON roles FOR EACH STATEMENT EXECUTE FUNCTION grants_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER role_permissions_epoch AFTER INSERT OR UPDATE OR DELETE ON role_permissions FOR EACH STATEMENT EXECUTE FUNCTION grants_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER role_assignments_epoch AFTER INSERT OR UPDATE OR DELETE ON role_assignments FOR EACH STATEMENT EXECUTE FUNCTION grants_epoch_bump();
--> statement-breakpoint
CREATE TRIGGER org_units_path_epoch AFTER UPDATE OF path ON org_units FOR EACH STATEMENT EXECUTE FUNCTION grants_epoch_bump();
