#include "credentialquery.h"

#include "sqldialect.h"

namespace tc {

namespace {

int compareValues(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString) {
        const int c = QString::compare(a.toString(), b.toString(), Qt::CaseSensitive); // SQLite BINARY
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    return x < y ? -1 : (x > y ? 1 : 0);
}

QString shownThumbprint(const CredentialRecord &r)
{
    return !r.thumbprint.isEmpty() ? r.thumbprint
                                   : (!r.signerThumbprint.isEmpty() ? r.signerThumbprint : QStringLiteral(""));
}

} // namespace

QStringList CredentialQuery::sortKeys(CredentialColumn column)
{
    // Each list is the leading part of one index in the schema (sitedatabase.cpp);
    // SQLite appends the row id to every index, which gives the final "id" key.
    switch (column) {
    case CredentialColumn::Name: return {QStringLiteral("name")};
    case CredentialColumn::Type: return {QStringLiteral("kind")};
    // Expired (active, past not_after) < Active < Blocked < Superseded.
    case CredentialColumn::Status: return {QStringLiteral("state"), QStringLiteral("not_after")};
    case CredentialColumn::ValidFrom: return {QStringLiteral("not_before")};
    case CredentialColumn::ValidTo:
    case CredentialColumn::Remaining: return {QStringLiteral("not_after")};
    case CredentialColumn::Lifetime: return {QStringLiteral("lifetime_minutes")};
    case CredentialColumn::Issuer: return {QStringLiteral("issuer")};
    case CredentialColumn::Thumbprint: return {QStringLiteral("coalesce(thumbprint, signer_thumbprint, '')")};
    case CredentialColumn::CreatedBy: return {QStringLiteral("created_by")};
    case CredentialColumn::BlockedBy: return {QStringLiteral("coalesce(blocked_by, '')")};
    case CredentialColumn::NumColumns: break;
    }
    return {QStringLiteral("name")};
}

QVariant CredentialQuery::sortValue(const CredentialRecord &r, CredentialColumn column, const QDateTime &now)
{
    switch (column) {
    case CredentialColumn::Name: return r.name;
    case CredentialColumn::Type: return int(r.kind);
    case CredentialColumn::Status: return int(r.statusAt(now));
    case CredentialColumn::ValidFrom: return r.notBefore;
    case CredentialColumn::ValidTo: return r.notAfter;
    case CredentialColumn::Remaining: return now.secsTo(r.notAfter);
    case CredentialColumn::Lifetime: return r.lifetimeMinutes;
    case CredentialColumn::Issuer: return r.issuer;
    case CredentialColumn::Thumbprint: return shownThumbprint(r);
    case CredentialColumn::CreatedBy: return r.createdBy;
    case CredentialColumn::BlockedBy: return r.blockedBy;
    case CredentialColumn::NumColumns: break;
    }
    return {};
}

QVariantList CredentialQuery::keyOf(const CredentialRecord &r) const
{
    QVariantList key;
    switch (sortColumn) {
    case CredentialColumn::Name: key << r.name; break;
    case CredentialColumn::Type: key << qint64(r.kind); break;
    case CredentialColumn::Status: key << qint64(r.state) << r.notAfter.toSecsSinceEpoch(); break;
    case CredentialColumn::ValidFrom: key << r.notBefore.toSecsSinceEpoch(); break;
    case CredentialColumn::ValidTo:
    case CredentialColumn::Remaining: key << r.notAfter.toSecsSinceEpoch(); break;
    case CredentialColumn::Lifetime: key << qint64(r.lifetimeMinutes); break;
    case CredentialColumn::Issuer: key << r.issuer; break;
    case CredentialColumn::Thumbprint: key << shownThumbprint(r); break;
    case CredentialColumn::CreatedBy: key << r.createdBy; break;
    case CredentialColumn::BlockedBy: key << (r.blockedBy.isNull() ? QStringLiteral("") : r.blockedBy); break;
    case CredentialColumn::NumColumns: key << r.name; break;
    }
    key << r.id;
    return key;
}

int CredentialQuery::compare(const CredentialRecord &a, const CredentialRecord &b) const
{
    const QVariantList ka = keyOf(a);
    const QVariantList kb = keyOf(b);
    for (qsizetype i = 0; i < ka.size(); ++i) {
        if (const int c = compareValues(ka.at(i), kb.at(i)); c != 0)
            return order == Qt::AscendingOrder ? c : -c;
    }
    return 0;
}

bool CredentialQuery::matches(const CredentialRecord &r) const
{
    if (kind && r.kind != *kind)
        return false;
    if (search.isEmpty())
        return true;
    // SQLite's LIKE folds ASCII case only; GUIDs and thumbprints are ASCII.
    return r.name.contains(search, Qt::CaseInsensitive) || r.thumbprint.contains(search, Qt::CaseInsensitive);
}

bool CredentialQuery::orderDependsOnBlockState() const
{
    return sortColumn == CredentialColumn::Status || sortColumn == CredentialColumn::BlockedBy;
}

QString CredentialQuery::likePattern() const
{
    QString escaped = search;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString CredentialQuery::where(QVariantList *binds, bool forOrderedScan) const
{
    QStringList terms;
    if (kind) {
        // "+kind" is not indexable: while walking a sort index, SQLite then keeps
        // that index instead of switching to the kind index and sorting everything.
        terms << (forOrderedScan ? QStringLiteral("+kind = ?") : QStringLiteral("kind = ?"));
        *binds << int(*kind);
    }
    if (!search.isEmpty()) {
        const QString match = dialect && dialect->searchMatch && !dialect->searchCandidates.isEmpty()
            ? dialect->searchMatch(search)
            : QString();
        if (!match.isEmpty()) {
            // The index's candidates (rows holding every trigram of the text), each
            // checked with LIKE: the same rows as the scan below, found by reading
            // a few lists of row ids instead of every name.
            terms << QStringLiteral("id IN (%1) AND (name LIKE ? ESCAPE '\\' OR (thumbprint IS NOT NULL AND"
                                    " thumbprint LIKE ? ESCAPE '\\'))")
                         .arg(dialect->searchCandidates);
            *binds << match << likePattern() << likePattern();
        } else {
            // The name test runs on the covering name index; thumbprints only exist on
            // certificates, found through the partial thumbprint index.
            terms << QStringLiteral("(name LIKE ? ESCAPE '\\' OR id IN (SELECT id FROM credentials"
                                    " WHERE thumbprint IS NOT NULL AND thumbprint LIKE ? ESCAPE '\\'))");
            *binds << likePattern() << likePattern();
        }
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QString CredentialQuery::andAlso(const QString &where, const QString &condition)
{
    return where.isEmpty() ? QStringLiteral(" WHERE ") + condition : where + QStringLiteral(" AND ") + condition;
}

QString CredentialQuery::orderBy(bool reversed) const
{
    const bool descending = (order == Qt::DescendingOrder) != reversed;
    const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList parts;
    for (const QString &k : sortKeys(sortColumn))
        parts << k + dir;
    parts << QStringLiteral("id") + dir;
    return QStringLiteral(" ORDER BY ") + parts.join(QStringLiteral(", "));
}

QList<CredentialQuery::KeysetPart> CredentialQuery::afterParts(const QVariantList &key, bool reversed) const
{
    const bool descending = (order == Qt::DescendingOrder) != reversed;
    const QString op = descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList keys = sortKeys(sortColumn);
    keys << QStringLiteral("id");
    Q_ASSERT(key.size() == keys.size());
    QList<KeysetPart> parts;
    for (qsizetype j = keys.size() - 1; j >= 0; --j) {
        KeysetPart part;
        QStringList terms;
        for (qsizetype i = 0; i < j; ++i) {
            terms << keys.at(i) + QStringLiteral(" = ?");
            part.binds << key.at(i);
        }
        terms << QStringLiteral("%1 %2 ?").arg(keys.at(j), op);
        part.binds << key.at(j);
        part.condition = terms.join(QStringLiteral(" AND "));
        QStringList orderKeys;
        for (qsizetype i = j; i < keys.size(); ++i)
            orderKeys << keys.at(i) + dir;
        part.orderBy = QStringLiteral(" ORDER BY ") + orderKeys.join(QStringLiteral(", "));
        parts << part;
    }
    return parts;
}

QString CredentialQuery::keyCompare(const QString &ascendingOp) const
{
    QString op = ascendingOp;
    if (order == Qt::DescendingOrder) {
        op.replace(QLatin1Char('<'), QLatin1Char('#'));
        op.replace(QLatin1Char('>'), QLatin1Char('<'));
        op.replace(QLatin1Char('#'), QLatin1Char('>'));
    }
    QStringList keys = sortKeys(sortColumn);
    // The leading bound on its own lets SQLite seek an expression index too; it only
    // uses a row-value comparison as a range on plain columns.
    const QString bound = op.startsWith(QLatin1Char('<')) ? QStringLiteral("<=") : QStringLiteral(">=");
    const QString leading = keys.first();
    keys << QStringLiteral("id");
    QStringList marks(keys.size(), QStringLiteral("?"));
    return QStringLiteral("%1 %2 ? AND (%3) %4 (%5)")
        .arg(leading, bound, keys.join(QStringLiteral(", ")), op, marks.join(QStringLiteral(", ")));
}

QVariantList CredentialQuery::keyCompareBinds(const QVariantList &key)
{
    return QVariantList{key.first()} + key;
}

} // namespace tc
