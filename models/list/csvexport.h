#pragma once

// The CSV the console exports: one header line, then a row per item with
// stable, machine-readable columns (codes and ISO-8601 UTC, not display text),
// RFC 4180 quoting, and formula-looking fields neutralised for spreadsheets.

#include "result.h"

#include <QIODevice>
#include <functional>

namespace tc {

class CredentialCursor;

// Writes every row the cursor reads (its query's filter, search and sort) as
// CSV, a batch at a time. progress(done, total) returns false to stop.
// Returns the row count.
Result<qint64> writeCredentialsCsv(CredentialCursor &rows, QIODevice &out,
                                   const std::function<bool(qint64, qint64)> &progress = {});

} // namespace tc
