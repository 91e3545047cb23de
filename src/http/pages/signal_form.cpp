#include "http/pages/signal_form.h"

#include <map>

namespace schakel::http::pages {

namespace {

std::string Value(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : "";
}

std::vector<std::string> Values(const httplib::Request& req, const char* name) {
  std::vector<std::string> out;
  for (auto [it, end] = req.params.equal_range(name); it != end; ++it) out.push_back(it->second);
  return out;
}

void SetIfGiven(std::optional<std::string>& slot, std::string value) {
  if (!value.empty()) slot = std::move(value);
}

struct FieldText {
  const char* field_id;
  const char* key;
  bool can_be_missing;  // has a "…_missing" text for a required field left empty
};

// The input's field names (as in SignalInput and the API) → form field and text.
const std::map<std::string, FieldText, std::less<>>& Fields() {
  static const std::map<std::string, FieldText, std::less<>> kFields = {
      {"organisation", {"gemeente", "organisation", true}},
      {"channel", {"kanaal", "channel", true}},
      {"urgency", {"urgentie", "urgency", true}},
      {"observed_on", {"datum", "observed_on", true}},
      {"observed_municipality", {"plaats", "observed_municipality", false}},
      {"postal_area", {"postcode", "postal_area", false}},
      {"forms", {kFormsField, "forms", false}},
      {"indicators", {kIndicatorsField, "indicators", false}},
      {"risk_factors", {kRiskFactorsField, "risk_factors", false}},
      {"description", {"beschrijving", "description", true}},
      {"perpetrators", {"daders", "perpetrators", false}},
      {"victim_age", {"leeftijd", "victim_age", false}},
      {"victim_age_group", {"leeftijdsgroep", "victim_age_group", false}},
      {"victim_language", {"taal", "victim_language", false}},
      {"victim.given_names", {"voornamen", "victim_name", false}},
      {"victim.family_name", {"achternaam", "victim_name", false}},
      {"victim.date_of_birth", {"geboortedatum", "victim_date_of_birth", false}},
      {"victim.gender", {"geslacht", "victim_gender", false}},
      {"victim.nationality", {"nationaliteit", "victim_nationality", false}},
  };
  return kFields;
}

bool LeftEmpty(const std::string& field, const app::SignalInput& in) {
  if (field == "organisation") return app::TrimSpace(in.organisation).empty();
  if (field == "channel") return app::TrimSpace(in.channel).empty();
  if (field == "urgency") return app::TrimSpace(in.urgency).empty();
  if (field == "observed_on") return app::TrimSpace(in.observed_on).empty();
  if (field == "description") {
    return app::TrimSpace(in.description).empty() && in.forms.empty() && in.indicators.empty();
  }
  return false;
}

}  // namespace

app::SignalInput SignalInputFromForm(const httplib::Request& req) {
  app::SignalInput in;
  in.organisation = Value(req, "gemeente");
  in.channel = Value(req, "kanaal");
  in.urgency = Value(req, "urgentie");
  in.observed_on = Value(req, "datum");
  in.observed_municipality = Value(req, "plaats");
  in.postal_area = Value(req, "postcode");
  in.forms = Values(req, kFormsField);
  in.indicators = Values(req, kIndicatorsField);
  in.risk_factors = Values(req, kRiskFactorsField);
  in.description = Value(req, "beschrijving");
  SetIfGiven(in.victim.identity.given_names, Value(req, "voornamen"));
  SetIfGiven(in.victim.identity.family_name, Value(req, "achternaam"));
  SetIfGiven(in.victim.identity.date_of_birth, Value(req, "geboortedatum"));
  SetIfGiven(in.victim.gender, Value(req, "geslacht"));
  SetIfGiven(in.victim.nationality, Value(req, "nationaliteit"));
  in.victim_age = Value(req, "leeftijd");
  in.victim_age_group = Value(req, "leeftijdsgroep");
  in.victim_language = Value(req, "taal");
  in.victim_living_at_home = Value(req, "thuiswonend") == "ja";
  in.perpetrators = Value(req, "daders");
  return in;
}

SignalFormError SignalFormErrorOf(const Error& error, const app::SignalInput& input) {
  const std::string field = error.field.substr(0, error.field.find('['));
  auto it = Fields().find(field);
  if (it == Fields().end()) return {"beschrijving", "signal.error.general"};
  std::string key = std::string("signal.error.") + it->second.key;
  if (it->second.can_be_missing && LeftEmpty(field, input)) key += "_missing";
  return {it->second.field_id, key};
}

SignalFormError TriageFormErrorOf(const Error& error) {
  if (error.code == ErrorCode::kConflict) return {"", "signal.error.conflict"};
  const std::string field = error.field.substr(0, error.field.find('.'));
  if (field == "act") return {"handeling", "signal.error.element"};
  if (field == "means") return {"middel", "signal.error.element"};
  if (field == "purpose") return {"doel", "signal.error.element"};
  if (field == "target") return {"naar", "signal.error.target"};
  if (field == "closing_reason" || field == "reason") return {"reden", "signal.error.reason"};
  return {"", "signal.error.general"};
}

}  // namespace schakel::http::pages
