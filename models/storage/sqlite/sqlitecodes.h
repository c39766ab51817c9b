#pragma once

#include "sqldialect.h"

namespace tc {

// The cause behind an SQLite result code (primary or extended).
DbCause sqliteCause(int code);

} // namespace tc
