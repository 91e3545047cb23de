// Name normalisation for record linkage: turns a name as typed by any organisation, in any script,
// into a canonical lower-case ASCII form so that "Jörg", "JORG" and "Йорг" compare alike. Also
// separates Dutch (and related) name particles from the core of a family name and computes a simple
// phonetic code used for blocking.
//
// Thread-safety: the free functions are safe to call from any thread; each thread lazily builds
// its own ICU transliterator on first use of a non-ASCII name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schakel::linkage {

// Unicode NFKD, transliteration of non-Latin scripts ("Any-Latin; Latin-ASCII"), diacritics
// removed, case folded. Letters and digits are kept; hyphens, dots, commas, underscores and runs
// of white space become one space; apostrophes and other marks are dropped. Leading and trailing
// space removed. Input must be UTF-8; invalid bytes are dropped.
std::string NormaliseText(std::string_view utf8);

// The parts of a family name after normalisation: "Van der Berg", "berg, van der" and
// "VANDERBERG" all give core "berg", particles "van der".
struct FamilyName {
  std::string core;       // the name without particles, words joined without spaces
  std::string particles;  // the particles found, space-separated, in their original order
};

// Splits particles (van, de, der, den, ter, ten, 't, von, la, le, da, di, el, al, bin, ...) from
// a family name. A name made only of particles ("De") is kept as its own core.
FamilyName SplitFamilyName(std::string_view utf8);

// Given names as normalised words ("Maria-José  Ana" -> {"maria", "jose", "ana"}).
std::vector<std::string> SplitGivenNames(std::string_view utf8);

// A Soundex-like code of a normalised word (first letter + up to five consonant classes), with a
// few Dutch spellings folded first (ij->y, ch->g, ph->f, dt/d at end->t, sch->s, ck->k, z->s).
// Empty for an empty word.
std::string PhoneticCode(std::string_view normalised_word);

// The consonant skeleton of a normalised word, with the spellings that differ between
// romanisations folded together: sibilants and affricates (sh, sch, sj, ch, tsch, tsj, cz, cs,
// sz, zh, z, c) to s, kh to h, ph to f, th to t, dh to d, gh to g, dj to j, q and ck to k, w to v;
// then vowels (and j, y, h after the first letter, which romanisations use for vowels and
// aspiration) dropped and doubled letters collapsed. The first letter is kept, with y for j/y.
// "Shevchenko", "Sjevtsjenko", "Schewtschenko" and ICU's "sevcenko" for Шевченко → "svsnk";
// "Meryem", "Maryam" → "mrm"; "Mohamed", "Muhammad" and ICU's "mhmd" for محمد → "md". For field
// evidence only.
std::string RomanisationSkeleton(std::string_view normalised_word);

}  // namespace schakel::linkage
