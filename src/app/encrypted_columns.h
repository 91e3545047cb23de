// The one registry of every encrypted column in the schema. Key rotation and key usage walk
// exactly these columns, so a column encrypted with security::EncryptField but missing here would
// keep its old key forever and the old key could never be removed. When you add an encrypted
// column, add it here (tests check that the persons columns and the schema agree).
#pragma once

#include <vector>

#include "store/ciphertext_repository.h"

namespace schakel::app {

// Each column's ciphertexts are bound to FieldLocation{table, column, <value of id_column>}.
const std::vector<store::CiphertextColumn>& EncryptedColumns();

}  // namespace schakel::app
