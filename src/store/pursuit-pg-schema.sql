-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The team schema of Pursuit on PostgreSQL, as migrations: the statements
-- after "-- migration N" take a database from version N-1 to N. Only ever
-- add a new migration at the end; `pursuit --setup-team` runs the ones a
-- database lacks, all in one transaction, and records the version in
-- pursuit_schema.
--
-- Who sees what is kept by PostgreSQL's row-level security, not by the
-- application: a rep (a login role granted pursuit_rep) sees and changes
-- their own prospects and the team inbox (owner NULL), and the touches of
-- those; a manager (granted pursuit_manager) sees and changes all. A rep
-- cannot give a prospect to someone else. The tables' owner is held to
-- the same policies (FORCE ROW LEVEL SECURITY); only superusers and roles
-- with BYPASSRLS are not.

-- migration 1

-- The group roles exist once per cluster: another database of the same
-- server may have made them already.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pursuit_rep') THEN
    CREATE ROLE pursuit_rep NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'pursuit_manager') THEN
    CREATE ROLE pursuit_manager NOLOGIN;
  END IF;
END
$$;

CREATE TABLE prospects (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The rep (a database role) whose prospect this is; NULL: the team inbox.
  owner             name DEFAULT current_user,
  -- Raised by every update (prospects_version): a write that names the
  -- version it read changes nothing when someone else wrote meanwhile.
  version           integer NOT NULL DEFAULT 1,
  name              text NOT NULL,
  company           text NOT NULL DEFAULT '',
  email             text NOT NULL DEFAULT '',
  phone             text NOT NULL DEFAULT '',
  source            text NOT NULL DEFAULT '',
  stage             text NOT NULL DEFAULT 'inbox'
                    CHECK (stage IN ('inbox', 'active', 'customer', 'closed')),
  tier              text NOT NULL DEFAULT '',
  value             double precision,
  attempts          integer NOT NULL DEFAULT 0,
  attempts_before   integer NOT NULL DEFAULT 0,
  attempt_limit     integer NOT NULL DEFAULT 0,
  next_touch        timestamptz,
  next_touch_manual boolean NOT NULL DEFAULT false,
  next_channel      text NOT NULL DEFAULT 'call',
  callback_at       timestamptz,
  close_reason      text NOT NULL DEFAULT '',
  revisit_at        timestamptz,
  reopen_to         text NOT NULL DEFAULT '',
  do_not_contact    boolean NOT NULL DEFAULT false,
  tags              text NOT NULL DEFAULT '',
  notes             text NOT NULL DEFAULT '',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz,
  deleted_at        timestamptz
);
CREATE INDEX prospects_owner ON prospects (owner);
CREATE INDEX prospects_next_touch ON prospects (next_touch);

CREATE TABLE touches (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  prospect_id   bigint NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
  -- Who logged it; stays when the prospect changes hands.
  author        name NOT NULL DEFAULT current_user,
  happened_at   timestamptz NOT NULL,
  channel       text NOT NULL,
  direction     text NOT NULL,
  outcome       text NOT NULL,
  callback_at   timestamptz,
  informational boolean NOT NULL DEFAULT false,
  note          text NOT NULL DEFAULT ''
);
CREATE INDEX touches_prospect ON touches (prospect_id, happened_at);

-- The version rises with every update, whatever the statement set it to.
CREATE FUNCTION prospects_version () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER prospects_version BEFORE UPDATE ON prospects
  FOR EACH ROW EXECUTE FUNCTION prospects_version ();

-- A touch's author is whoever logged it, never someone else's name, and
-- stays so.
CREATE FUNCTION touches_author () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.author := current_user;
  ELSE
    NEW.author := OLD.author;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER touches_author BEFORE INSERT OR UPDATE ON touches
  FOR EACH ROW EXECUTE FUNCTION touches_author ();

-- An owner is a rep or a manager: a prospect given to a role that is
-- neither (a typo, someone who left) would vanish from every rep's board.
CREATE FUNCTION prospects_owner_check () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF NEW.owner IS NOT NULL
     AND NOT EXISTS (SELECT FROM pg_roles r
                       WHERE r.rolname = NEW.owner
                         AND (pg_has_role (r.oid, 'pursuit_rep', 'MEMBER')
                              OR pg_has_role (r.oid, 'pursuit_manager', 'MEMBER'))) THEN
    RAISE EXCEPTION 'prospect owner "%" is neither a rep nor a manager', NEW.owner
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Grant pursuit_rep or pursuit_manager to that role, or leave the owner empty (the team inbox).';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER prospects_owner_check BEFORE INSERT OR UPDATE OF owner ON prospects
  FOR EACH ROW EXECUTE FUNCTION prospects_owner_check ();

-- Every open board learns of a change through LISTEN pursuit. The payload
-- carries ids only, since every listener gets it whatever it may read:
-- each re-reads the row under its own rights, and a row it may not see
-- (another rep's, or one just given away) reads as gone.
CREATE FUNCTION pursuit_notify () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
  row_id bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_id := OLD.id;
  ELSE
    row_id := NEW.id;
  END IF;
  PERFORM pg_notify ('pursuit', jsonb_build_object ('table', TG_TABLE_NAME,
                                                    'op', lower (TG_OP),
                                                    'id', row_id)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER prospects_notify AFTER INSERT OR UPDATE OR DELETE ON prospects
  FOR EACH ROW EXECUTE FUNCTION pursuit_notify ();
CREATE TRIGGER touches_notify AFTER INSERT OR UPDATE OR DELETE ON touches
  FOR EACH ROW EXECUTE FUNCTION pursuit_notify ();

ALTER TABLE prospects ENABLE ROW LEVEL SECURITY;
ALTER TABLE prospects FORCE ROW LEVEL SECURITY;
ALTER TABLE touches ENABLE ROW LEVEL SECURITY;
ALTER TABLE touches FORCE ROW LEVEL SECURITY;

-- A rep's own prospects and the inbox; what a rep writes must stay theirs
-- or go to the inbox, never to another rep.
CREATE POLICY prospects_rep ON prospects TO pursuit_rep
  USING (owner IS NULL OR owner = current_user)
  WITH CHECK (owner IS NULL OR owner = current_user);
CREATE POLICY prospects_manager ON prospects TO pursuit_manager
  USING (true) WITH CHECK (true);

-- A touch is seen and written with its prospect: the subquery reads
-- prospects under the same role's policies.
CREATE POLICY touches_rep ON touches TO pursuit_rep
  USING (EXISTS (SELECT FROM prospects p WHERE p.id = touches.prospect_id))
  WITH CHECK (EXISTS (SELECT FROM prospects p WHERE p.id = touches.prospect_id));
CREATE POLICY touches_manager ON touches TO pursuit_manager
  USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON prospects, touches TO pursuit_rep, pursuit_manager;
GRANT SELECT ON pursuit_schema TO pursuit_rep, pursuit_manager;
