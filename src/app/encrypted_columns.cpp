#include "app/encrypted_columns.h"

namespace schakel::app {

const std::vector<store::CiphertextColumn>& EncryptedColumns() {
  static const std::vector<store::CiphertextColumn> kColumns = {
      // Identifying data of persons (person_service.cpp).
      {"persons", "id", "given_names"},
      {"persons", "id", "family_name"},
      {"persons", "id", "date_of_birth"},
      {"persons", "id", "address"},
      {"persons", "id", "phone"},
      {"persons", "id", "document_number"},
      {"persons", "id", "notes"},
      // Signals: free text, the possible victim, perpetrators, the test's notes (signal_service).
      {"signals", "id", "description"},
      {"signals", "id", "victim_identity"},
      {"signals", "id", "perpetrators"},
      {"signals", "id", "assessment_notes"},
      {"signal_additions", "id", "text"},
      // TOTP secrets, confirmed and during enrolment (identity service).
      {"users", "id", "totp_secret"},
      {"users", "id", "totp_pending"},
      // Record linkage: the reason given with a match decision (match_service.cpp).
      {"match_decisions", "id", "reason"},
      // Care cases: free text of the case and its care plan (case_service.cpp).
      {"cases", "id", "opened_directly_because"},
      {"cases", "id", "consent_override"},
      {"care_plan_items", "id", "description"},
      // Sharing grants and case conferences (sharing_service, conference_service).
      {"sharing_grants", "id", "override_reason"},
      {"sharing_grants", "id", "revoke_reason"},
      {"case_conferences", "id", "minutes"},
      {"conference_decisions", "id", "text"},
      // Placements: the reason for placing into a full shelter (placement_service.cpp).
      {"placements", "id", "over_capacity_reason"},
      // Referrals and transfers: the consent override and the reject or revoke reason
      // (referral_service.cpp).
      {"referrals", "id", "consent_override"},
      {"referrals", "id", "reason"},
  };
  return kColumns;
}

}  // namespace schakel::app
