#pragma once

#include <QItemSelection>
#include <QList>

namespace tc {

// The rows a selection of whole rows covers, from its ranges: ascending, each
// once, in time proportional to the rows. QItemSelectionModel::selectedRows()
// asks every range about every row instead: after a sort has scattered 10,000
// selected rows into as many ranges, that is 100 million checks (seconds).
QList<int> selectedRowNumbers(const QItemSelection &selection);

// How many rows that is, without a list of them (a million rows selected at once).
qint64 selectedRowTotal(const QItemSelection &selection);

} // namespace tc
