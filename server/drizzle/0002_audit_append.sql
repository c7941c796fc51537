-- Appends one audit record in one round trip: lock the chain, read its head, take the next id,
-- store the record with hash = sha256(prev || "\n" || id || "\n" || payload). In READ COMMITTED
-- each statement of a VOLATILE function takes a fresh snapshot, so the head is read after the lock.
CREATE OR REPLACE FUNCTION audit_append(
  p_chain smallint, p_at timestamptz, p_user_id integer, p_username text, p_org_unit_id integer, p_ip text,
  p_action text, p_object_type text, p_object_id text, p_before jsonb, p_after jsonb, p_result text, p_payload text
) RETURNS bigint AS $$
DECLARE
  v_prev text;
  v_id bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(727002, p_chain::integer);
  SELECT hash INTO v_prev FROM audit_log WHERE chain = p_chain ORDER BY id DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  INSERT INTO audit_log (id, chain, at, user_id, username, org_unit_id, ip, action, object_type, object_id, before, after, result, prev_hash, hash)
  VALUES (v_id, p_chain, p_at, p_user_id, p_username, p_org_unit_id, p_ip, p_action, p_object_type, p_object_id, p_before, p_after, p_result,
          v_prev, encode(sha256(convert_to(v_prev || E'\n' || v_id::text || E'\n' || p_payload, 'UTF8')), 'hex'));
  RETURN v_id;
END;
$$ LANGUAGE plpgsql VOLATILE;
