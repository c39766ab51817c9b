#pragma once

// How nullable times and texts are bound to and read from Qt SQL queries:
// times as Unix seconds, a null QDateTime or QString as SQL NULL.

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace tc::sqlvalue {

inline QVariant time(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

inline QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

inline QDateTime timeAt(const QSqlQuery &q, int column)
{
    const QVariant v = q.value(column);
    return v.isNull() ? QDateTime() : QDateTime::fromSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

inline QString textAt(const QSqlQuery &q, int column)
{
    const QVariant v = q.value(column);
    return v.isNull() ? QString() : v.toString();
}

} // namespace tc::sqlvalue
