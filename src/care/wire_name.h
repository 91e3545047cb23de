// Reading an enum back from its wire name ("in_progress"), for every enum of the care module that
// has a `…Name` function: the API and pages send names, never numbers.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

namespace schakel::care {

// The value among `all` whose `name_of` is `name`, or nullopt.
template <typename E>
std::optional<E> FromWireName(std::string_view name, std::initializer_list<E> all,
                              const char* (*name_of)(E)) {
  for (E e : all) {
    if (name == name_of(e)) return e;
  }
  return std::nullopt;
}

}  // namespace schakel::care
