#pragma once

// The CSV the console exports: one header line, then a row per item with
// stable, machine-readable columns (codes and ISO-8601 UTC, not display text),
// RFC 4180 quoting, and formula-looking fields neutralised for spreadsheets.

#include "result.h"

#include <QIODevice>
#include <functional>

namespace tc {

class CredentialListModel;

// Writes every row of model (its filter and sort) as CSV, fetching pages as it
// goes. progress(done, total) returns false to stop. Returns the row count.
Result<qint64> writeCredentialsCsv(CredentialListModel &model, QIODevice &out,
                                   const std::function<bool(qint64, qint64)> &progress = {});

} // namespace tc
