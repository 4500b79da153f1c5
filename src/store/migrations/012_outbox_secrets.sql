-- A message that carries a secret (a password-reset or invitation link) is written with
-- redacted_body, the body with the secret replaced; every view reads COALESCE(redacted_body, body)
-- and only the server's command line reads body. Messages written before this mark existed cannot
-- be told apart, so all of them are hidden from views.
ALTER TABLE outbox ADD COLUMN redacted_body TEXT;
UPDATE outbox SET redacted_body =
  '[written before secrets were marked: read it on the server with yiqiao outbox show ' || id || ']';
