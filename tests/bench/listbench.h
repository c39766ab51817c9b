#pragma once

#include <QJsonObject>
#include <QString>

// The list measurements of tokenconsole-bench: the real CredentialListModel in a
// real (offscreen) QTableView, against a QSqlTableModel + QSortFilterProxyModel
// baseline over the same database, in the same run. Adds figures (milliseconds,
// medians over repetitions) and *_speedup = baseline / ours to figures.
// withBaseline=false skips the baseline (minutes at a million rows).
void runListBenchmarks(const QString &siteFolder, int rows, int repetitions, bool withBaseline, QJsonObject &figures);
