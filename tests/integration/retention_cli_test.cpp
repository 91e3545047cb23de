// `schakel retention run [--dry-run]` as an operator runs it (docs/care.md, "Retention"): a closed
// case past its retention period loses every identifying value — the person's identity and blind
// indexes, linkage encodings, the case's texts, plan descriptions, its signals' content and
// additions, placement reasons, sharing grants, conference decisions — while the facts that
// statistics count stay; a case still in its period, an open case and a person another case still
// needs are untouched; a signal without a case and conference minutes follow their own periods; a
// dry run changes nothing; a second run erases nothing new; every erasure is audited once.
// The rows are synthetic and written straight into the database. Ciphertexts are placeholders
// that say whose they are ("v1:k1:OLD…" must all go, "v1:k1:KEEP…" must all stay): the job never
// decrypts, and a scan of every column of every table proves nothing of the erased records is
// left, whatever column a later migration adds.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"
#include "store/sqlite_db.h"
#include "temp_database.h"

namespace schakel {
namespace {

class RetentionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::testing::FreshTempDir("schakel-retention-cli");
    data_dir_ = dir_ / "var";
    ASSERT_TRUE(testing::ImportReferenceLists(data_dir_));
    auto database = store::OpenSqlite(data_dir_ / "schakel.db");
    ASSERT_TRUE(database.ok());
    database_ = std::move(*database);
    Exec(
        "INSERT INTO shelters (id, name, type, region, capacity, created_at, created_by, "
        "updated_at) VALUES (1, 'Opvang Noord', 'social', 'VR01', 4, 't', 'u', 't')");
    // Closed long ago (past the shipped 60 months), closed last year, still open.
    AddCase("old", "OLD", "closed", "2020-01-15", "old", "OLD");
    AddCase("recent", "KEEP", "closed", "2025-06-01", "recent", "KEEP");
    AddCase("open", "KEEP", "care_trajectory", "", "open", "KEEP");
    // One person in two cases: the closed one is erased, the person stays for the open one.
    AddCase("shared-a", "OLD", "closed", "2020-02-01", "shared", "KEEP");
    AddCase("shared-b", "KEEP", "intake", "", "", "");
    Exec("UPDATE cases SET person = 'person-shared' WHERE id = 'case-shared-b'");
    // The old case's signal with an addition, linkage encodings and a decided match.
    AddSignal("sig-old", "OLD", "forwarded", "2019-11-01");
    Exec("INSERT INTO case_signals (case_id, signal) VALUES ('case-old', 'sig-old')");
    Exec(
        "INSERT INTO signal_additions (id, signal, added_at, text) VALUES ('add-old', 'sig-old', "
        "'2019-11-02T10:00:00Z', 'v1:k1:OLD-ADDITION')");
    AddEncoding("signal", "sig-old");
    AddEncoding("person", "person-old");
    AddEncoding("person", "person-recent");
    Exec(
        "INSERT INTO match_decisions (id, a_kind, a_id, b_kind, b_id, decision, reason, score, "
        "decided_by, decided_at) VALUES ('m1', 'signal', 'sig-old', 'person', 'person-recent', "
        "'rejected', 'v1:k1:OLD-MATCH', 0.7, 'u', 't')");
    // Signals that never became a case: closed long ago (24 months), closed this year, new.
    AddSignal("sig-closed", "OLD", "closed", "2023-01-10");
    AddSignal("sig-kept", "KEEP", "closed", "2026-01-10");
    AddSignal("sig-new", "KEEP", "new", "");
    // The old case's placement, grant and conference; a conference about an open case.
    Exec(
        "INSERT INTO placements (id, case_id, shelter, from_date, until_date, "
        "over_capacity_reason, created_at, created_by) VALUES ('pl-old', 'case-old', 1, "
        "'2019-03-01', '2019-12-01', 'v1:k1:OLD-OVER', 't', 'u')");
    Exec(
        "INSERT INTO sharing_grants (id, case_id, partner_organisation, purpose, legal_basis, "
        "field_groups, granted_on, expires_on, consent_recorded, override_reason, granted_by, "
        "granted_at) VALUES ('g-old', 'case-old', 'GM0014', 'zorg', 'Wmo', '[\"identity\"]', "
        "'2019-04-01', '2019-06-01', 0, 'v1:k1:OLD-GRANT', 'u', 't')");
    AddConference("conf-old", "OLD", "case-old");
    AddConference("conf-live", "KEEP", "case-open");
    Exec(
        "INSERT INTO conference_decisions (id, conference, case_id, text, domain, "
        "responsible_organisation, care_plan_item, decided_by, decided_at) VALUES ('d-old', "
        "'conf-old', 'case-old', 'v1:k1:OLD-DECISION', 'housing', 'GM0014', 'item-old', 'u', "
        "'t')");
  }

  void Exec(const std::string& sql) {
    auto db = database_->Acquire();
    auto r = db->Execute(sql);
    ASSERT_TRUE(r.ok()) << r.error().message << "\n" << sql;
  }

  // `tag` marks every ciphertext of the case, `person_tag` the person's: OLD… must go, KEEP…
  // must stay.
  void AddCase(const std::string& id, const std::string& tag, const std::string& state,
               const std::string& closed_on, const std::string& person,
               const std::string& person_tag) {
    const int seq = ++case_seq_;
    std::string c = "'v1:k1:" + person_tag + "-";
    if (!person.empty()) {
      Exec(
          "INSERT INTO persons (id, organisation, created_by, created_at, updated_at, "
          "given_names, family_name, date_of_birth, address, phone, document_number, notes, "
          "family_name_index, date_of_birth_index, document_number_index, gender, birth_year, "
          "nationality) VALUES ('person-" +
          person + "', 'GM0014', 'u', 't', 't', " + c + "GIVEN', " + c + "FAMILY', " + c +
          "DOB', " + c + "ADDRESS', " + c + "PHONE', " + c + "DOC', " + c + "NOTES', " + c +
          "IDX1', " + c + "IDX2', " + c + "IDX3', 'female', 1990, 'POL')");
    }
    c = "'v1:k1:" + tag + "-";
    const std::string closed = closed_on.empty() ? "NULL" : "'" + closed_on + "'";
    const std::string reason = closed_on.empty() ? "NULL" : "'care_completed'";
    const std::string person_id = person.empty() ? "NULL" : "'person-" + person + "'";
    Exec(
        "INSERT INTO cases (id, seq, region, state, person, acute, opened_directly_because, "
        "forms, age, age_group, gender, nationality, consent_recorded, consent_override, "
        "reflection_start, reflection_last_day, reflection_outcome, reflection_outcome_on, "
        "closed_on, closing_reason, created_by, created_at, updated_at) VALUES ('case-" +
        id + "', " + std::to_string(seq) + ", 'VR01', '" + state + "', " + person_id + ", 0, " + c +
        "WHY', 'labour', 29, 'adult', 'female', 'POL', 0, " + c +
        "OVERRIDE', '2019-02-01', '2019-04-30', 'cooperates', '2019-03-15', " + closed + ", " +
        reason + ", 'u', 't', 't')");
    Exec(
        "INSERT INTO care_plan_items (id, case_id, domain, responsible_organisation, status, "
        "description, created_by, created_at, updated_at) VALUES ('item-" +
        id + "', 'case-" + id + "', 'housing', 'GM0014', 'done', " + c + "ITEM', 'u', 't', 't')");
  }

  // `decided_on`: the date of the close/forward event ("" for a signal still to be decided).
  void AddSignal(const std::string& id, const std::string& tag, const std::string& status,
                 const std::string& decided_on) {
    const int seq = ++signal_seq_;
    const std::string c = "'v1:k1:" + tag + "-";
    Exec(
        "INSERT INTO signals (id, seq, organisation, status, channel, urgency, observed_on, "
        "forms, indicators, risk_factors, victim_age_group, victim_gender, victim_nationality, "
        "victim_living_at_home, description, victim_identity, perpetrators, assessment_notes, "
        "reference_hash, created_by, created_at, updated_at) VALUES ('" +
        id + "', " + std::to_string(seq) + ", 'GM0014', '" + status +
        "', 'staff', 'normal', '2019-10-01', 'labour', 'ilo.deception', '', 'adult', 'female', "
        "'POL', 0, " +
        c + "DESC', " + c + "VICTIM', " + c + "PERP', " + c + "NOTES', " + c + "REF-" + id +
        "', 'u', 't', 't')");
    if (!decided_on.empty()) {
      Exec(
          "INSERT INTO signal_events (signal, at, actor, action, from_status, to_status, detail) "
          "VALUES ('" +
          id + "', '" + decided_on + "T10:00:00Z', 'u', '" +
          (status == "closed" ? "close" : "forward") + "', 'assessed', '" + status + "', '')");
    }
  }

  void AddEncoding(const std::string& kind, const std::string& id) {
    Exec(
        "INSERT INTO linkage_encodings (record_kind, record_id, organisation, clk, present, "
        "sketches, encoded_at) VALUES ('" +
        kind + "', '" + id + "', 'GM0014', zeroblob(128), 3, zeroblob(16), 't')");
    Exec("INSERT INTO linkage_blocking_keys (blocking_key, record_kind, record_id) VALUES ('bk-" +
         id + "', '" + kind + "', '" + id + "')");
  }

  void AddConference(const std::string& id, const std::string& tag, const std::string& case_id) {
    Exec(
        "INSERT INTO case_conferences (id, region, held_on, title, minutes, created_by, "
        "created_at, updated_at) VALUES ('" +
        id + "', 'VR01', '2020-01-10', 'Casusoverleg', 'v1:k1:" + tag +
        "-MINUTES', 'u', 't', 't')");
    Exec("INSERT INTO conference_agenda (conference, position, case_id) VALUES ('" + id +
         "', 1, '" + case_id + "')");
  }

  std::string One(const std::string& sql) {
    auto db = database_->Acquire();
    auto rows = db->Query(sql);
    EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
    if (!rows.ok() || rows->empty()) return "<none>";
    const store::Row& r = rows->front();
    if (r.IsNull(0)) return "NULL";
    try {
      return r.Text(0);
    } catch (const std::exception&) {
      return std::to_string(r.Int(0));
    }
  }

  // Every cell of every table but the audit trail, as text: to compare before and after.
  std::string Dump() {
    auto db = database_->Acquire();
    auto tables = db->Query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name");
    EXPECT_TRUE(tables.ok());
    std::string out;
    for (const auto& t : *tables) {
      if (t.Text(0) == "audit_events") continue;
      auto cols = db->Query("SELECT name FROM pragma_table_info(?)", {store::Text(t.Text(0))});
      EXPECT_TRUE(cols.ok());
      std::string expr;
      for (const auto& col : *cols) {
        expr += (expr.empty() ? "" : " || '|' || ") + std::string("quote(\"") + col.Text(0) + "\")";
      }
      auto cells = db->Query("SELECT " + expr + " FROM \"" + t.Text(0) + "\" ORDER BY 1");
      EXPECT_TRUE(cells.ok()) << t.Text(0);
      out += t.Text(0) + "\n";
      for (const auto& r : *cells) out += "  " + r.Text(0) + "\n";
    }
    return out;
  }

  // The columns of the whole database with cells that contain `needle`, as "table.column=count".
  std::vector<std::string> CellsWith(const std::string& needle) {
    std::vector<std::string> found;
    auto db = database_->Acquire();
    auto tables = db->Query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    EXPECT_TRUE(tables.ok());
    for (const auto& t : *tables) {
      auto cols = db->Query("SELECT name FROM pragma_table_info(?)", {store::Text(t.Text(0))});
      for (const auto& col : *cols) {
        auto n = db->Query("SELECT COUNT(*) FROM \"" + t.Text(0) + "\" WHERE CAST(\"" +
                               col.Text(0) + "\" AS TEXT) LIKE ?",
                           {store::Text("%" + needle + "%")});
        EXPECT_TRUE(n.ok());
        if (n.ok() && n->front().Int(0) > 0) {
          found.push_back(t.Text(0) + "." + col.Text(0) + "=" + std::to_string(n->front().Int(0)));
        }
      }
    }
    return found;
  }

  // The plain facts statistics count (the insight pages read exactly these signal columns).
  std::string Facts() {
    std::string out;
    auto db = database_->Acquire();
    auto s = db->Query(
        "SELECT id || '|' || status || '|' || organisation || '|' || observed_on || '|' || forms "
        "|| '|' || indicators || '|' || victim_age_group || '|' || victim_gender || '|' || "
        "victim_nationality FROM signals ORDER BY id");
    for (const auto& r : *s) out += r.Text(0) + "\n";
    auto c = db->Query(
        "SELECT id || '|' || state || '|' || region || '|' || forms || '|' || age || '|' || "
        "age_group || '|' || gender || '|' || nationality || '|' || reflection_start || '|' || "
        "reflection_outcome || '|' || COALESCE(closed_on, '-') || '|' || "
        "COALESCE(closing_reason, '-') FROM cases ORDER BY id");
    for (const auto& r : *c) out += r.Text(0) + "\n";
    auto p =
        db->Query("SELECT id || '|' || domain || '|' || status FROM care_plan_items ORDER BY id");
    for (const auto& r : *p) out += r.Text(0) + "\n";
    return out;
  }

  testing::RunResult Run(const std::string& args) { return testing::RunSchakel(data_dir_, args); }

  std::filesystem::path dir_;
  std::filesystem::path data_dir_;
  std::unique_ptr<store::Database> database_;
  int case_seq_ = 0;
  int signal_seq_ = 0;
};

TEST_F(RetentionCliTest, DryRunListsWhatIsDueAndChangesNothing) {
  const std::string before = Dump();
  const auto r = Run("retention run --dry-run");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("would erase case case-old (Z000001): closed 2020-01-15, 60 months, "
                          "retention ended 2025-01-15; person's identity erased"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("would erase case case-shared-a (Z000004): closed 2020-02-01, 60 "
                          "months, retention ended 2025-02-01; person kept: another case refers "
                          "to it"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("would erase signal sig-closed (S000002): closed 2023-01-10, 24 months, "
                          "retention ended 2025-01-10"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("would erase conference_minutes conf-old"), std::string::npos)
      << r.output;
  for (const char* kept : {"case-recent", "case-open", "case-shared-b", "sig-kept", "sig-new",
                           "sig-old", "conf-live", "pl-old"}) {
    EXPECT_EQ(r.output.find(kept), std::string::npos) << kept << "\n" << r.output;
  }
  EXPECT_NE(r.output.find("dry run: 4 record(s) (2 case, 1 conference_minutes, 1 signal) past "
                          "retention on"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("nothing was changed"), std::string::npos) << r.output;
  // Not one cell of the data changed.
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.erase'"), "0");
  EXPECT_EQ(One("SELECT COUNT(*) FROM case_erasures"), "0");
}

TEST_F(RetentionCliTest, RunErasesEveryIdentifyingValueKeepsTheFactsAndAuditsOnce) {
  const std::string facts = Facts();
  const std::vector<std::string> kept = CellsWith("v1:k1:KEEP");
  ASSERT_GE(CellsWith("v1:k1:OLD").size(), 20u);
  const auto r = Run("retention run");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("erased case case-old (Z000001)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("done: 4 record(s)"), std::string::npos) << r.output;
  // Nothing of the erased records is left in any column of any table.
  EXPECT_EQ(CellsWith("v1:k1:OLD"), std::vector<std::string>{});
  EXPECT_EQ(One("SELECT COUNT(*) FROM linkage_encodings WHERE record_id IN ('sig-old', "
                "'person-old')"),
            "0");
  EXPECT_EQ(One("SELECT COUNT(*) FROM linkage_blocking_keys WHERE record_id IN ('sig-old', "
                "'person-old')"),
            "0");
  EXPECT_EQ(One("SELECT COUNT(*) FROM signal_additions"), "0");
  EXPECT_EQ(One("SELECT person FROM cases WHERE id = 'case-old'"), "NULL");
  // What is kept is kept: every KEEP ciphertext, the other person's encoding, the shared person.
  EXPECT_EQ(One("SELECT family_name FROM persons WHERE id = 'person-shared'"), "v1:k1:KEEP-FAMILY");
  EXPECT_EQ(One("SELECT COUNT(*) FROM linkage_encodings WHERE record_id = 'person-recent'"), "1");
  EXPECT_EQ(One("SELECT family_name FROM persons WHERE id = 'person-recent'"), "v1:k1:KEEP-FAMILY");
  EXPECT_EQ(One("SELECT description FROM signals WHERE id = 'sig-kept'"), "v1:k1:KEEP-DESC");
  EXPECT_EQ(One("SELECT minutes FROM case_conferences WHERE id = 'conf-live'"),
            "v1:k1:KEEP-MINUTES");
  EXPECT_EQ(One("SELECT description FROM care_plan_items WHERE id = 'item-recent'"),
            "v1:k1:KEEP-ITEM");
  EXPECT_EQ(CellsWith("v1:k1:KEEP"), kept);
  // The facts statistics count are exactly as they were.
  EXPECT_EQ(Facts(), facts);
  EXPECT_EQ(One("SELECT gender || '/' || birth_year || '/' || nationality FROM persons WHERE id = "
                "'person-old'"),
            "female/1990/POL");
  // Recorded once, audited once per record, in the case's history.
  EXPECT_EQ(One("SELECT erased_on = date('now') AND closed_on = '2020-01-15' AND "
                "retention_months = 60 AND person_kept = 0 FROM case_erasures WHERE case_id = "
                "'case-old'"),
            "1");
  EXPECT_EQ(One("SELECT person_kept FROM case_erasures WHERE case_id = 'case-shared-a'"), "1");
  EXPECT_EQ(One("SELECT COUNT(*) FROM case_events WHERE case_id = 'case-old' AND action = "
                "'erase'"),
            "1");
  EXPECT_EQ(One("SELECT group_concat(object_type || ':' || object_id, ' ') FROM (SELECT * FROM "
                "audit_events WHERE action = 'retention.erase' ORDER BY object_id)"),
            "case:case-old case:case-shared-a conference_minutes:conf-old signal:sig-closed");
  const auto again = Run("retention run");
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("done: 0 record(s) past retention"), std::string::npos)
      << again.output;
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.erase'"), "4");
  EXPECT_EQ(Run("audit verify").exit_code, 0);
}

TEST_F(RetentionCliTest, APeriodSetByTheOperatorAppliesAndBadInputIsRefused) {
  auto r = Run("retention set-period case twelve");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("months"), std::string::npos) << r.output;
  r = Run("retention set-period archive 12");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no record type 'archive'"), std::string::npos) << r.output;
  // Twelve months: the case closed on 2025-06-01 is due as well.
  r = Run("retention set-period case 12");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = Run("retention periods");
  EXPECT_NE(r.output.find("case                   12 months  (setting)"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("signal                 24 months  (care data)"), std::string::npos)
      << r.output;
  r = Run("retention run --dry-run");
  EXPECT_NE(r.output.find("would erase case case-recent (Z000002): closed 2025-06-01, 12 months"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(One("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.set_period'"), "1");
}

}  // namespace
}  // namespace schakel
