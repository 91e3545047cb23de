#include "store/migrations.h"

#include <fmt/format.h>

namespace schakel::store {

const std::vector<Migration>& SchemaMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "organisations and kader", R"sql(
CREATE TABLE organisations (
  code        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('municipality', 'region', 'partner', 'national')),
  region_kind TEXT CHECK (region_kind IS NULL
                          OR region_kind IN ('safety_region', 'care_region', 'shelter_region')),
  name        TEXT NOT NULL CHECK (name <> ''),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  successor   TEXT REFERENCES organisations (code),
  CHECK ((kind = 'region') = (region_kind IS NOT NULL)),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
) STRICT;

CREATE TABLE region_members (
  region       TEXT NOT NULL REFERENCES organisations (code),
  municipality TEXT NOT NULL REFERENCES organisations (code),
  valid_from   TEXT NOT NULL,
  valid_to     TEXT,
  PRIMARY KEY (region, municipality, valid_from)
) STRICT;
CREATE INDEX region_members_by_municipality ON region_members (municipality);

CREATE TABLE frameworks (
  id           TEXT PRIMARY KEY,
  status       TEXT NOT NULL,
  content      TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  loaded_at    TEXT NOT NULL
) STRICT;

CREATE TABLE assessments (
  id           INTEGER PRIMARY KEY,
  organisation TEXT NOT NULL REFERENCES organisations (code),
  period       TEXT NOT NULL,
  framework    TEXT NOT NULL REFERENCES frameworks (id),
  status       TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  UNIQUE (organisation, period)
) STRICT;

CREATE TABLE assessment_answers (
  assessment  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  criterion   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('met', 'partly_met', 'not_met', 'not_applicable')),
  evidence    TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (assessment, criterion)
) STRICT;

-- Every answer ever given, so "who said what when" survives later changes.
CREATE TABLE assessment_answer_history (
  id          INTEGER PRIMARY KEY,
  assessment  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  criterion   TEXT NOT NULL,
  status      TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  answered_at TEXT NOT NULL
) STRICT;
)sql"},
      {2, "audit trail", R"sql(
-- Tamper-evident audit trail: hash(n) = HMAC(key, hash(n-1) || canonical(event n)).
-- Identifiers only, never personal data values.
CREATE TABLE audit_events (
  sequence       INTEGER NOT NULL UNIQUE CHECK (sequence > 0),
  timestamp      TEXT NOT NULL,
  actor          TEXT NOT NULL,
  organisation   TEXT NOT NULL,
  action         TEXT NOT NULL,
  object_type    TEXT NOT NULL,
  object_id      TEXT NOT NULL,
  result         TEXT NOT NULL,
  origin         TEXT NOT NULL,
  origin_address TEXT NOT NULL,
  correlation_id TEXT NOT NULL,
  hash           TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_by_actor ON audit_events (actor, timestamp);
CREATE INDEX audit_events_by_object ON audit_events (object_id, timestamp);
)sql"},
      {3, "identity", R"sql(
-- Users belong to exactly one organisation and hold one or more roles there.
-- Secrets are stored as hashes (passwords: Argon2id; sessions and API tokens: SHA-256) or
-- encrypted (TOTP secrets, bound to table 'users', column, user id).
CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  organisation         TEXT NOT NULL REFERENCES organisations (code),
  username             TEXT NOT NULL UNIQUE CHECK (username <> ''),
  display_name         TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  totp_secret          TEXT,
  totp_pending         TEXT,
  totp_last_step       INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  password_changed_at  TEXT,
  last_login_at        TEXT,
  disabled_at          TEXT
) STRICT;
CREATE INDEX users_by_organisation ON users (organisation);

CREATE TABLE user_roles (
  user TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'policy_officer', 'signaller', 'care_coordinator',
                                     'chain_director', 'partner', 'monitor', 'auditor')),
  PRIMARY KEY (user, role)
) STRICT;

-- A session passes through stages: password_change and totp_enrol (forced steps), totp (second
-- factor pending), full (logged in). Only a full session acts for the user.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stage      TEXT NOT NULL CHECK (stage IN ('password_change', 'totp_enrol', 'totp', 'full')),
  created_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  address    TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user);

-- Failed logins, per account and per address, for throttling (rows older than a day are purged).
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_by_key ON login_failures (key, at);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  hash         TEXT NOT NULL UNIQUE,
  organisation TEXT NOT NULL REFERENCES organisations (code),
  label        TEXT NOT NULL CHECK (label <> ''),
  roles        TEXT NOT NULL,
  scopes       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_used_at TEXT
) STRICT;
CREATE INDEX api_tokens_by_organisation ON api_tokens (organisation);

-- Installation-wide settings (e.g. that the first administrator was created).
CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
)sql"},
      {4, "persons", R"sql(
-- Persons (possible victims) with identifying fields encrypted per field
-- ('v1:<key id>:<base64url>', bound to table 'persons', the column and the person id) and keyed
-- blind indexes (hex HMAC) for exact look-ups. No identifying value is stored in plaintext.
CREATE TABLE persons (
  id                      TEXT PRIMARY KEY,
  organisation            TEXT NOT NULL REFERENCES organisations (code),
  created_by              TEXT NOT NULL,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  given_names             TEXT,
  family_name             TEXT,
  date_of_birth           TEXT,
  address                 TEXT,
  phone                   TEXT,
  document_number         TEXT,
  notes                   TEXT,
  family_name_index       TEXT,
  date_of_birth_index     TEXT,
  document_number_index   TEXT,
  -- Not identifying on their own; kept in plaintext for statistics.
  gender                  TEXT CHECK (gender IS NULL OR gender IN ('female', 'male', 'x', 'unknown')),
  birth_year              INTEGER,
  nationality             TEXT
) STRICT;
CREATE INDEX persons_by_organisation ON persons (organisation);
CREATE INDEX persons_by_family_name ON persons (family_name_index);
CREATE INDEX persons_by_date_of_birth ON persons (date_of_birth_index);
CREATE INDEX persons_by_document ON persons (document_number_index);
)sql"},
      {5, "signals", R"sql(
-- Signals of possible trafficking. The facts used for triage, routing and statistics are plain
-- columns; everything that can identify someone (free text, the possible victim's identity, the
-- perpetrators' description, the notes of the three-element test) is encrypted per field, bound
-- to table 'signals', the column and the signal id.
CREATE TABLE signals (
  id                     TEXT PRIMARY KEY,
  seq                    INTEGER NOT NULL UNIQUE,
  organisation           TEXT NOT NULL REFERENCES organisations (code),
  status                 TEXT NOT NULL
                         CHECK (status IN ('draft', 'new', 'assessed', 'forwarded', 'closed')),
  channel                TEXT,
  urgency                TEXT,
  observed_on            TEXT,
  observed_municipality  TEXT,
  postal_area            TEXT,
  forms                  TEXT NOT NULL,
  indicators             TEXT NOT NULL,
  risk_factors           TEXT NOT NULL,
  victim_age             INTEGER,
  victim_age_group       TEXT NOT NULL CHECK (victim_age_group IN ('minor', 'adult', 'unknown')),
  victim_gender          TEXT,
  victim_nationality     TEXT,
  victim_language        TEXT,
  victim_living_at_home  INTEGER NOT NULL,
  description            TEXT,
  victim_identity        TEXT,
  perpetrators           TEXT,
  assessment             TEXT,
  assessment_notes       TEXT,
  outcome                TEXT,
  labour_position        TEXT,
  forwarded_to           TEXT,
  forwarded_region       TEXT,
  closing_reason         TEXT,
  reference_hash         TEXT UNIQUE,
  created_by             TEXT NOT NULL,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  submitted_at           TEXT
) STRICT;
CREATE INDEX signals_by_organisation ON signals (organisation, status);
CREATE INDEX signals_by_creator ON signals (created_by);

-- What happened to a signal: submission, assessments, the decision, added information.
CREATE TABLE signal_events (
  id          INTEGER PRIMARY KEY,
  signal      TEXT NOT NULL REFERENCES signals (id),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  detail      TEXT NOT NULL
) STRICT;
CREATE INDEX signal_events_by_signal ON signal_events (signal);

-- Information a reporter added later with the reference code (encrypted, bound to its own id).
CREATE TABLE signal_additions (
  id        TEXT PRIMARY KEY,
  signal    TEXT NOT NULL REFERENCES signals (id),
  added_at  TEXT NOT NULL,
  text      TEXT NOT NULL
) STRICT;
CREATE INDEX signal_additions_by_signal ON signal_additions (signal);
)sql"},
      {6, "kader in practice", R"sql(
-- The training and awareness registry. Staff are named with their role and department only;
-- no other personal data. Sessions for other audiences carry a participant count only.
CREATE TABLE training_departments (
  organisation   TEXT NOT NULL REFERENCES organisations (code),
  department     TEXT NOT NULL CHECK (department <> ''),
  relevant_staff INTEGER NOT NULL CHECK (relevant_staff >= 0),
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (organisation, department)
) STRICT;

CREATE TABLE training_sessions (
  id               INTEGER PRIMARY KEY,
  organisation     TEXT NOT NULL REFERENCES organisations (code),
  title            TEXT NOT NULL CHECK (title <> ''),
  format           TEXT NOT NULL CHECK (format IN ('e_learning', 'training', 'information_evening')),
  audience         TEXT NOT NULL CHECK (audience IN ('staff', 'businesses', 'schools', 'residents',
                                                     'risk_groups')),
  department       TEXT,
  held_on          TEXT NOT NULL,
  participants     INTEGER NOT NULL CHECK (participants >= 0),
  refresher_months INTEGER CHECK (refresher_months IS NULL OR refresher_months > 0),
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  CHECK ((audience = 'staff') = (refresher_months IS NOT NULL))
) STRICT;
CREATE INDEX training_sessions_by_organisation ON training_sessions (organisation, held_on);

CREATE TABLE training_attendees (
  session    INTEGER NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  staff_name TEXT NOT NULL CHECK (staff_name <> ''),
  staff_role TEXT NOT NULL,
  department TEXT NOT NULL CHECK (department <> ''),
  PRIMARY KEY (session, department, staff_name)
) STRICT;

-- The environment scan: risk places and sectors at neighbourhood level, with every review kept.
CREATE TABLE scan_places (
  id           INTEGER PRIMARY KEY,
  organisation TEXT NOT NULL REFERENCES organisations (code),
  name         TEXT NOT NULL CHECK (name <> ''),
  sector       TEXT NOT NULL,
  neighbourhood TEXT NOT NULL CHECK (neighbourhood <> ''),
  indicators   TEXT NOT NULL,
  sources      TEXT NOT NULL,
  risk         TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  reasoning    TEXT NOT NULL CHECK (reasoning <> ''),
  owner        TEXT NOT NULL CHECK (owner <> ''),
  review_due   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
) STRICT;
CREATE INDEX scan_places_by_organisation ON scan_places (organisation);

CREATE TABLE scan_reviews (
  id          INTEGER PRIMARY KEY,
  place       INTEGER NOT NULL REFERENCES scan_places (id) ON DELETE CASCADE,
  reviewed_on TEXT NOT NULL,
  reviewed_by TEXT NOT NULL,
  risk        TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  reasoning   TEXT NOT NULL,
  indicators  TEXT NOT NULL,
  review_due  TEXT NOT NULL
) STRICT;
CREATE INDEX scan_reviews_by_place ON scan_reviews (place, reviewed_on);

-- Good practices: drafts of one municipality until a policy officer publishes them to the
-- region or nationally. Lists (forms, blocks, themes) are stored comma-separated.
CREATE TABLE practices (
  id           INTEGER PRIMARY KEY,
  organisation TEXT NOT NULL REFERENCES organisations (code),
  title        TEXT NOT NULL CHECK (title <> ''),
  problem      TEXT NOT NULL,
  approach     TEXT NOT NULL,
  partners     TEXT NOT NULL,
  result       TEXT NOT NULL,
  requirements TEXT NOT NULL,
  contact      TEXT NOT NULL,
  forms        TEXT NOT NULL,
  blocks       TEXT NOT NULL,
  themes       TEXT NOT NULL,
  publication  TEXT NOT NULL CHECK (publication IN ('draft', 'region', 'national')),
  published_at TEXT,
  published_by TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX practices_by_organisation ON practices (organisation);
)sql"},
      {7, "care cases", R"sql(
-- Care cases of (possible) victims (docs/care.md). The case belongs to a care-coordination region;
-- the victim's identity lives in `persons` (encrypted there). Plain columns are non-identifying
-- facts for statistics and the CoMensha registration; free text is encrypted per field.
CREATE TABLE cases (
  id                      TEXT PRIMARY KEY,
  seq                     INTEGER NOT NULL UNIQUE,
  region                  TEXT NOT NULL REFERENCES organisations (code),
  municipality            TEXT REFERENCES organisations (code),
  coordinator             TEXT,
  state                   TEXT NOT NULL CHECK (state IN ('registered', 'intake', 'care_trajectory',
                                                         'aftercare', 'closed', 'transferred')),
  person                  TEXT REFERENCES persons (id),
  acute                   INTEGER NOT NULL CHECK (acute IN (0, 1)),
  opened_directly_because TEXT,
  forms                   TEXT NOT NULL,
  age                     INTEGER,
  age_group               TEXT NOT NULL CHECK (age_group IN ('minor', 'adult', 'unknown')),
  gender                  TEXT,
  nationality             TEXT,
  consent_recorded        INTEGER NOT NULL CHECK (consent_recorded IN (0, 1)),
  consent_override        TEXT,
  reflection_start        TEXT,
  reflection_last_day     TEXT,
  reflection_outcome      TEXT CHECK (reflection_outcome IS NULL OR reflection_outcome IN
                                      ('reported_crime', 'cooperates', 'cannot_cooperate', 'none')),
  reflection_outcome_on   TEXT,
  registered_on           TEXT,
  registered_by           TEXT,
  closed_on               TEXT,
  closing_reason          TEXT,
  created_by              TEXT NOT NULL,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  CHECK ((reflection_start IS NULL) = (reflection_last_day IS NULL)),
  CHECK ((reflection_outcome IS NULL) = (reflection_outcome_on IS NULL))
) STRICT;
CREATE INDEX cases_by_region ON cases (region, state);
CREATE INDEX cases_by_coordinator ON cases (coordinator, state);

-- The signals a case was opened from; a signal belongs to at most one case.
CREATE TABLE case_signals (
  case_id TEXT NOT NULL REFERENCES cases (id),
  signal  TEXT NOT NULL UNIQUE REFERENCES signals (id),
  PRIMARY KEY (case_id, signal)
) STRICT;

-- What happened to a case: opening, transitions (also refused ones, with the reason), plan and
-- reflection-period changes, registration. Details are ids and fixed texts, never personal data.
CREATE TABLE case_events (
  id         INTEGER PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases (id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  result     TEXT NOT NULL CHECK (result IN ('applied', 'refused')),
  field      TEXT NOT NULL,
  detail     TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_by_case ON case_events (case_id, id);

-- Care-plan items per domain (data/care/care.json); the description is encrypted.
CREATE TABLE care_plan_items (
  id                       TEXT PRIMARY KEY,
  case_id                  TEXT NOT NULL REFERENCES cases (id),
  domain                   TEXT NOT NULL,
  responsible_organisation TEXT NOT NULL CHECK (responsible_organisation <> ''),
  status                   TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done',
                                                           'cancelled')),
  due_on                   TEXT,
  description              TEXT,
  created_by               TEXT NOT NULL,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
) STRICT;
CREATE INDEX care_plan_items_by_case ON care_plan_items (case_id);
)sql"},
      // Care coordination, part 2 (care-shelter): shelters, placements, referrals.
      {8, "shelters and placements", R"sql(
-- The shelter registry: no personal data. The type is a shelter type of data/care/care.json.
CREATE TABLE shelters (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  type       TEXT NOT NULL CHECK (type <> ''),
  region     TEXT NOT NULL REFERENCES organisations (code),
  capacity   INTEGER NOT NULL CHECK (capacity >= 1),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX shelters_by_region ON shelters (region);

-- A stay of a case's person in a shelter, from the first night to the day of leaving (NULL:
-- still there). A placement into a full shelter keeps the coordinator's reason.
CREATE TABLE placements (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL,
  shelter              INTEGER NOT NULL REFERENCES shelters (id),
  from_date            TEXT NOT NULL,
  until_date           TEXT,
  over_capacity_reason TEXT,  -- encrypted; NULL: placed within capacity
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  CHECK (until_date IS NULL OR until_date > from_date)
) STRICT;
CREATE INDEX placements_by_shelter ON placements (shelter, from_date);
CREATE INDEX placements_by_case ON placements (case_id);
)sql"},
      // Care coordination, sharing and case conferences (docs/care.md, "Sharing grants" and
      // "Case conferences").
      {9, "sharing grants and case conferences", R"sql(
-- A case shared with a chain partner for a purpose, on a legal basis, for named field groups
-- (JSON list of care-data ids), from granted_on through expires_on unless revoked from
-- revoked_on. The override reason (sharing without consent) and the revoke reason may describe
-- the person's situation: encrypted, bound to 'sharing_grants', the column and the grant id.
CREATE TABLE sharing_grants (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  partner_organisation TEXT NOT NULL REFERENCES organisations (code),
  purpose              TEXT NOT NULL CHECK (purpose <> ''),
  legal_basis          TEXT NOT NULL CHECK (legal_basis <> ''),
  field_groups         TEXT NOT NULL,
  granted_on           TEXT NOT NULL,
  expires_on           TEXT NOT NULL CHECK (expires_on >= granted_on),
  consent_recorded     INTEGER NOT NULL CHECK (consent_recorded IN (0, 1)),
  override_reason      TEXT,
  granted_by           TEXT NOT NULL,
  granted_at           TEXT NOT NULL,
  revoked_on           TEXT,
  revoked_by           TEXT,
  revoked_at           TEXT,
  revoke_reason        TEXT,
  CHECK (consent_recorded = 1 OR override_reason IS NOT NULL),
  CHECK ((revoked_on IS NULL) = (revoked_by IS NULL))
) STRICT;
CREATE INDEX sharing_grants_by_case ON sharing_grants (case_id);
CREATE INDEX sharing_grants_by_partner ON sharing_grants (partner_organisation);

-- A case conference (casusoverleg) of a care-coordination region: the participating
-- organisations, the cases on the agenda, minutes (encrypted: 'case_conferences', 'minutes', id)
-- and decisions, each of which became a care-plan item of its case (decision text encrypted:
-- 'conference_decisions', 'text', id).
CREATE TABLE case_conferences (
  id         TEXT PRIMARY KEY,
  region     TEXT NOT NULL REFERENCES organisations (code),
  held_on    TEXT NOT NULL,
  title      TEXT NOT NULL CHECK (title <> ''),
  minutes    TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_conferences_by_region ON case_conferences (region, held_on);

CREATE TABLE conference_participants (
  conference   TEXT NOT NULL REFERENCES case_conferences (id) ON DELETE CASCADE,
  organisation TEXT NOT NULL REFERENCES organisations (code),
  PRIMARY KEY (conference, organisation)
) STRICT;
CREATE INDEX conference_participants_by_organisation ON conference_participants (organisation);

CREATE TABLE conference_agenda (
  conference TEXT NOT NULL REFERENCES case_conferences (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  case_id    TEXT NOT NULL REFERENCES cases (id),
  PRIMARY KEY (conference, case_id)
) STRICT;

CREATE TABLE conference_decisions (
  id                       TEXT PRIMARY KEY,
  conference               TEXT NOT NULL REFERENCES case_conferences (id) ON DELETE CASCADE,
  case_id                  TEXT NOT NULL REFERENCES cases (id),
  text                     TEXT NOT NULL,
  domain                   TEXT NOT NULL,
  responsible_organisation TEXT NOT NULL REFERENCES organisations (code),
  due_on                   TEXT,
  care_plan_item           TEXT NOT NULL REFERENCES care_plan_items (id),
  decided_by               TEXT NOT NULL,
  decided_at               TEXT NOT NULL
) STRICT;
CREATE INDEX conference_decisions_by_conference ON conference_decisions (conference);
)sql"},
      // Record linkage (docs/linkage.md, "In Schakel"): keyed Bloom-filter encodings of the
      // possible victim of a signal and of persons, their keyed blocking keys, and the care
      // coordinators' decisions on suggested pairs. No plaintext: the CLK, sketches and blocking
      // keys are keyed (KeyPurpose::kLinkage); the reason of a decision is encrypted.
      {10, "linkage encodings and match decisions", R"sql(
CREATE TABLE linkage_encodings (
  record_kind  TEXT NOT NULL CHECK (record_kind IN ('signal', 'person')),
  record_id    TEXT NOT NULL,
  organisation TEXT NOT NULL,
  clk          BLOB NOT NULL CHECK (length(clk) = 128),
  present      INTEGER NOT NULL,
  sketches     BLOB NOT NULL,
  encoded_at   TEXT NOT NULL,
  PRIMARY KEY (record_kind, record_id)
) STRICT;
CREATE TABLE linkage_blocking_keys (
  blocking_key TEXT NOT NULL,
  record_kind  TEXT NOT NULL,
  record_id    TEXT NOT NULL,
  PRIMARY KEY (blocking_key, record_kind, record_id),
  FOREIGN KEY (record_kind, record_id) REFERENCES linkage_encodings (record_kind, record_id)
    ON DELETE CASCADE
) STRICT;
CREATE INDEX linkage_blocking_by_record ON linkage_blocking_keys (record_kind, record_id);
CREATE TABLE match_decisions (
  id         TEXT PRIMARY KEY,
  a_kind     TEXT NOT NULL,
  a_id       TEXT NOT NULL,
  b_kind     TEXT NOT NULL,
  b_id       TEXT NOT NULL,
  decision   TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
  reason     TEXT,
  score      REAL NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX match_decisions_by_a ON match_decisions (a_kind, a_id);
CREATE INDEX match_decisions_by_b ON match_decisions (b_kind, b_id);
)sql"},
      // Version 11 (insight): stored estimates of the hidden number of victims of a region.
      // Counts only: the capture-history table the estimate was made from, never persons.
      {11, "estimates", R"sql(
CREATE TABLE estimates (
  id               INTEGER PRIMARY KEY,
  region           TEXT NOT NULL REFERENCES organisations (code),
  period           TEXT NOT NULL CHECK (length(period) = 4),
  lists            TEXT NOT NULL,
  model            TEXT NOT NULL,
  method           TEXT NOT NULL CHECK (method IN ('main', 'stepwise', 'aic', 'bic')),
  observed         INTEGER NOT NULL CHECK (observed >= 0),
  hidden           REAL NOT NULL,
  total            REAL NOT NULL,
  ci_low           REAL NOT NULL,
  ci_high          REAL NOT NULL,
  structural_zeros TEXT NOT NULL,
  input_table      TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX estimates_by_region ON estimates (region, period);
)sql"},
      // Version 12 (referrals): referrals and transfers of a case to another organisation or
      // region (docs/care.md "Referrals and transfers"). The consent override and the reason of a
      // rejection or revocation are encrypted per field (app/encrypted_columns.cpp).
      {12, "referrals", R"sql(
CREATE TABLE referrals (
  id               TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (id),
  kind             TEXT NOT NULL CHECK (kind IN ('referral', 'transfer')),
  to_organisation  TEXT NOT NULL REFERENCES organisations (code),
  to_region        TEXT REFERENCES organisations (code),
  field_groups     TEXT NOT NULL,
  consent_recorded INTEGER NOT NULL CHECK (consent_recorded IN (0, 1)),
  consent_override TEXT,
  state            TEXT NOT NULL
    CHECK (state IN ('in_progress', 'accepted', 'rejected', 'done', 'revoked')),
  reason           TEXT,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (consent_recorded = 1 OR consent_override IS NOT NULL),
  CHECK (kind = 'referral' OR to_region IS NOT NULL)
) STRICT;
CREATE INDEX referrals_by_case ON referrals (case_id);
CREATE INDEX referrals_by_receiver ON referrals (to_organisation);
)sql"},
      // Retention (docs/care.md, "Retention"; `schakel retention run`): which records had their
      // identifying data erased, when, and under which period, so each is erased once and the
      // case page can say so. Ids, dates and numbers only.
      {13, "case erasures", R"sql(
CREATE TABLE case_erasures (
  case_id          TEXT PRIMARY KEY REFERENCES cases (id),
  erased_at        TEXT NOT NULL,
  erased_on        TEXT NOT NULL,  -- the Europe/Amsterdam date of erased_at
  closed_on        TEXT NOT NULL,
  retention_months INTEGER NOT NULL CHECK (retention_months >= 1),
  person_kept      INTEGER NOT NULL CHECK (person_kept IN (0, 1))  -- another case needed it
) STRICT;
-- The same for records erased on their own period: signals never opened into a case, the
-- minutes of case conferences, the override reasons of ended placements.
CREATE TABLE record_erasures (
  record_type      TEXT NOT NULL,
  record_id        TEXT NOT NULL,
  erased_at        TEXT NOT NULL,
  erased_on        TEXT NOT NULL,
  closed_on        TEXT NOT NULL,
  retention_months INTEGER NOT NULL CHECK (retention_months >= 1),
  PRIMARY KEY (record_type, record_id)
) STRICT;
)sql"},
  };
  return kMigrations;
}

namespace {

Status EnsureMigrationTable(Db& db) {
  auto r = db.Execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
      {});
  if (!r) return r.error();
  return {};
}

}  // namespace

Result<int> SchemaVersion(Db& db) {
  if (Status s = EnsureMigrationTable(db); !s.ok()) return s.error();
  auto rows = db.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!rows) return rows.error();
  return static_cast<int>(rows->at(0).Int(0));
}

Result<MigrationReport> Migrate(Db& db, const Clock& clock,
                                const std::vector<Migration>& migrations) {
  auto current = SchemaVersion(db);
  if (!current) return current.error();
  const int known = migrations.empty() ? 0 : migrations.back().version;
  MigrationReport report{*current, *current, {}};
  if (*current > known) {
    return Error::Conflict(fmt::format(
        "the database has schema version {}, but this Schakel knows versions up to {}: it was "
        "written by a newer Schakel. Upgrade Schakel; do not use this binary on this database",
        *current, known));
  }
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    auto applied = InTransaction<int>(db, [&](Db& tx) -> Result<int> {
      if (Status s = tx.ExecuteScript(m.sql); !s.ok()) return s.error();
      auto ins = tx.Execute(
          "INSERT INTO schema_migrations (version, name, applied_at) "
          "VALUES (?, ?, ?)",
          {Int(m.version), Text(m.name), Text(FormatUtc(clock.Now()))});
      if (!ins) return ins.error();
      return m.version;
    });
    if (!applied) {
      Error e = applied.error();
      e.message = fmt::format("migration {:04d} ({}) failed: {}", m.version, m.name, e.message);
      return e;
    }
    report.to = m.version;
    report.applied.push_back(fmt::format("{:04d} {}", m.version, m.name));
  }
  return report;
}

}  // namespace schakel::store
