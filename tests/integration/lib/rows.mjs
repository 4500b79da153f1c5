// Rows written straight into the database of a test server, for flows whose API belongs to another
// module (an appointment without going through booking) or that happen while the server is down.
// SQLite through the sqlite3 shell (the server keeps running: WAL and a busy timeout let both
// write), PostgreSQL through psql.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { psql } from '../../support/server.mjs';

/** Runs one or more statements; returns the output rows, each an array of column texts. */
export function sql(srv, statements) {
  const out =
    srv.backend === 'postgresql'
      ? psql(srv.database, statements)
      : execFileSync('sqlite3', ['-cmd', '.timeout 10000', srv.database.slice('sqlite:'.length), statements], {
          encoding: 'utf8',
        });
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('|'));
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** An id of the server's shape (26 base32 characters). */
export function newId() {
  return [...randomBytes(26)].map((b) => BASE32[b % 32]).join('');
}

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** The id of the account with this e-mail address. */
export function accountId(srv, email) {
  return sql(srv, `SELECT id FROM accounts WHERE email = ${q(email)}`)[0][0];
}

/** A service of the demo doctor's clinic (Harbour Health Clinic): { service, doctor, org }. */
export function addService(srv, { type = 'video' } = {}) {
  const doctor = accountId(srv, 'doctor@demo.yiqiao.hk');
  const org = sql(srv, `SELECT organisation_id FROM doctor_profiles WHERE account_id = ${q(doctor)}`)[0][0];
  const service = newId();
  sql(
    srv,
    `INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, specialty, consultation_type, slot_minutes, created_at, updated_at)
     VALUES (${q(service)}, ${q(org)}, 'General practice', '普通科', '普通科', 'general_practice', ${q(type)}, 15, 0, 0)`,
  );
  return { service, doctor, org };
}

/**
 * An appointment (with its own slot) and, when `reminders` is given, reminder rows:
 * reminders: [{ kind: '1h', due_at }].
 */
export function addAppointment(srv, svc, { patient, bookedBy = patient, startsAt, status = 'booked', reminders = [] }) {
  const slot = newId();
  const id = newId();
  const stmts = [
    `INSERT INTO slots (id, doctor_id, service_id, organisation_id, starts_at, ends_at, source, source_id, created_at)
     VALUES (${q(slot)}, ${q(svc.doctor)}, ${q(svc.service)}, ${q(svc.org)}, ${startsAt}, ${startsAt + 900}, 'session', 'test', 0)`,
    `INSERT INTO appointments (id, slot_id, patient_id, booked_by, doctor_id, service_id, organisation_id, starts_at, ends_at, status, created_at, updated_at)
     VALUES (${q(id)}, ${q(slot)}, ${q(patient)}, ${q(bookedBy)}, ${q(svc.doctor)}, ${q(svc.service)}, ${q(svc.org)}, ${startsAt}, ${startsAt + 900}, ${q(status)}, 0, 0)`,
    ...reminders.map(
      (r) => `INSERT INTO reminders (id, appointment_id, kind, due_at) VALUES (${q(newId())}, ${q(id)}, ${q(r.kind)}, ${r.due_at})`,
    ),
  ];
  sql(srv, stmts.join(';\n') + ';');
  return id;
}

/** A managed child of `carer` (an account that cannot sign in, address in .invalid). */
export function addChild(srv, carer, name) {
  const id = newId();
  sql(
    srv,
    `INSERT INTO accounts (id, email, display_name, preferred_lang, password_changed_at, created_at, updated_at)
       VALUES (${q(id)}, ${q(`child-${id}@children.yiqiao.invalid`)}, ${q(name)}, 'en', 0, 0, 0);
     INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at, granted_at)
       VALUES (${q(carer)}, ${q(id)}, 'child', 'active', 0, 0);`,
  );
  return id;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
