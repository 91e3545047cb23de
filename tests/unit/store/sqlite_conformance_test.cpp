#include "db_conformance.h"
#include "temp_database.h"

namespace schakel::store::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, DbConformanceTest, ::testing::Values(&OpenFreshSqlite),
                         [](const auto&) { return std::string("sqlite"); });

}  // namespace schakel::store::testing
