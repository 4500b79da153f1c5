-- The access authority (src/consent) takes over the carer relationships and asks them again at
-- the moment anything about a patient is sent.

-- Carer requests as the carer typed them. The carer sees only the address they typed, whether or
-- not it belongs to anyone (patient_id is NULL then, and never shown to the carer), so asking
-- tells them nothing about the address until its holder accepts.
CREATE TABLE carer_requests (
  id           TEXT PRIMARY KEY,
  carer_id     TEXT NOT NULL REFERENCES accounts(id),
  email        TEXT NOT NULL,
  patient_id   TEXT REFERENCES accounts(id),
  relationship TEXT NOT NULL CHECK (relationship IN ('parent', 'spouse', 'relative', 'other')),
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  UNIQUE (carer_id, email)
);
CREATE INDEX carer_requests_by_patient ON carer_requests (patient_id, expires_at);

-- When a carer request last told its addressee, withdrawn requests included: asking, withdrawing
-- and asking again must not become a way to flood someone with notices and e-mails.
CREATE TABLE carer_request_notices (
  carer_id   TEXT NOT NULL REFERENCES accounts(id),
  patient_id TEXT NOT NULL REFERENCES accounts(id),
  sent_at    BIGINT NOT NULL
);
CREATE INDEX carer_request_notices_by_pair ON carer_request_notices (carer_id, patient_id, sent_at);

-- Requests still pending move over; 'pending' rows in dependants are no longer written.
INSERT INTO carer_requests (id, carer_id, email, patient_id, relationship, created_at, expires_at)
  SELECT substr(d.carer_id, 1, 13) || substr(d.patient_id, 14, 13), d.carer_id, a.email,
         d.patient_id, d.relationship, d.created_at, d.created_at + 1209600
  FROM dependants d JOIN accounts a ON a.id = d.patient_id
  WHERE d.status = 'pending' AND d.relationship <> 'child';
DELETE FROM dependants WHERE status = 'pending';

-- The patient a notice or an e-mail is about when its reader hears of them as their parent or
-- carer: consent is asked again when the notice is read and when the e-mail is delivered, so a
-- carer whose access ended reads and receives nothing more about that patient.
ALTER TABLE notifications ADD COLUMN carer_of TEXT;
ALTER TABLE outbox ADD COLUMN account_id TEXT;
ALTER TABLE outbox ADD COLUMN carer_of TEXT;
ALTER TABLE outbox ADD COLUMN withheld_at BIGINT;  -- not delivered: consent refused at sending

-- A doctor may work for several organisations; leave an organisation's admin enters blocks only
-- that organisation's slots ('' for all of the doctor's: a platform admin's, and older leave).
ALTER TABLE availability_exceptions ADD COLUMN organisation_id TEXT NOT NULL DEFAULT '';
