#include "selectionrows.h"

#include <algorithm>
#include <utility>

namespace tc {

namespace {

// [top, bottom] of each range, sorted and merged where they overlap or touch.
QList<std::pair<int, int>> mergedSpans(const QItemSelection &selection)
{
    QList<std::pair<int, int>> spans;
    spans.reserve(selection.size());
    for (const QItemSelectionRange &range : selection) {
        if (range.isValid())
            spans.append({range.top(), range.bottom()});
    }
    std::sort(spans.begin(), spans.end());
    QList<std::pair<int, int>> merged;
    for (const auto &span : std::as_const(spans)) {
        if (!merged.isEmpty() && span.first <= merged.last().second + 1)
            merged.last().second = std::max(merged.last().second, span.second);
        else
            merged.append(span);
    }
    return merged;
}

} // namespace

QList<int> selectedRowNumbers(const QItemSelection &selection)
{
    QList<int> rows;
    for (const auto &[top, bottom] : mergedSpans(selection)) {
        for (int row = top; row <= bottom; ++row)
            rows << row;
    }
    return rows;
}

qint64 selectedRowTotal(const QItemSelection &selection)
{
    qint64 total = 0;
    for (const auto &[top, bottom] : mergedSpans(selection))
        total += qint64(bottom) - top + 1;
    return total;
}

} // namespace tc
