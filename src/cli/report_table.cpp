#include "cli/report_table.h"

#include <fmt/format.h>

namespace schakel::cli {

namespace {

// Display width in code points (UTF-8 continuation bytes do not count).
size_t Width(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Pad(std::string_view s, size_t width) {
  std::string out(s);
  for (size_t w = Width(s); w < width; ++w) out += ' ';
  return out;
}

const char* StatusLabel(const std::optional<kader::AnswerStatus>& s, bool en) {
  if (!s) return en ? "not answered" : "niet beantwoord";
  switch (*s) {
    case kader::AnswerStatus::kMet:
      return en ? "met" : "voldaan";
    case kader::AnswerStatus::kPartlyMet:
      return en ? "partly met" : "deels voldaan";
    case kader::AnswerStatus::kNotMet:
      return en ? "not met" : "niet voldaan";
    case kader::AnswerStatus::kNotApplicable:
      return en ? "not applicable" : "niet van toepassing";
  }
  return "";
}

}  // namespace

std::string RenderReport(const app::AssessmentView& v, const store::Organisation& org,
                         std::string_view lang) {
  const bool en = lang == "en";
  const kader::Framework& f = *v.framework;
  std::string out;
  out += fmt::format(
      "{} {} — {} {} ({})\n", org.code, org.name, en ? "period" : "periode", v.record.period,
      v.record.status == "submitted" ? fmt::format("{} {}", en ? "submitted" : "vastgesteld",
                                                   v.record.submitted_at.value_or(""))
                                     : (en ? "draft" : "concept"));
  out += fmt::format(
      "{}: {}{}\n", en ? "Framework" : "Kader", f.id,
      f.status == "provisional" ? (en ? " (PROVISIONAL text)" : " (VOORLOPIGE tekst)") : "");
  out += fmt::format("{}: {} / {}\n\n", en ? "Answered" : "Beantwoord", v.standing.answered,
                     v.standing.total);
  const char* h_block = en ? "Building block" : "Bouwsteen";
  const char* h_level = en ? "Level reached" : "Bereikt niveau";
  const char* h_met = en ? "Met" : "Voldaan";
  size_t w_block = Width(h_block);
  size_t w_level = Width(h_level);
  for (const auto& b : v.standing.blocks) {
    w_block =
        std::max(w_block, Width(fmt::format("{} {}", b.block->number, b.block->name.In(lang))));
    if (b.level != nullptr) w_level = std::max(w_level, Width(b.level->name.In(lang)));
  }
  out += Pad(h_block, w_block + 2) + Pad(h_level, w_level + 2) + h_met + "\n";
  out += std::string(w_block + w_level + 4 + Width(h_met) + 4, '-') + "\n";
  for (const auto& b : v.standing.blocks) {
    const std::string level = b.level ? b.level->name.In(lang) : (en ? "none yet" : "nog geen");
    out += Pad(fmt::format("{} {}", b.block->number, b.block->name.In(lang)), w_block + 2) +
           Pad(level, w_level + 2) + fmt::format("{}/{}\n", b.met, b.applicable);
  }
  out += fmt::format("\n{}\n", en ? "Needed for the next level" : "Nodig voor het volgende niveau");
  for (const auto& b : v.standing.blocks) {
    if (b.next_level == nullptr) {
      out += fmt::format("\n{} {}: {}\n", b.block->number, b.block->name.In(lang),
                         en ? "highest level reached" : "hoogste niveau bereikt");
      continue;
    }
    out += fmt::format("\n{} {} → {}\n", b.block->number, b.block->name.In(lang),
                       b.next_level->name.In(lang));
    for (const auto& g : b.gaps) {
      out += fmt::format("  - [{}] {}{}\n", StatusLabel(g.status, en), g.criterion->text.In(lang),
                         g.criterion->provenance == kader::Provenance::kDerived
                             ? (en ? " (derived)" : " (afgeleid)")
                             : "");
    }
  }
  return out;
}

}  // namespace schakel::cli
