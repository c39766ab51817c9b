#pragma once

#include <QDateTime>
#include <QStyledItemDelegate>

namespace tc {

// Makes blocked, expired, superseded and soon-to-expire rows stand out by
// colour AND by an icon and tooltip in the Status column (never colour alone).
class StatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr qint64 kExpiringSoonSeconds = 24 * 3600;

    explicit StatusDelegate(QObject *parent = nullptr);

    enum class Look { Normal, Blocked, Expired, Superseded, ExpiringSoon };
    static Look lookOf(const QModelIndex &index, const QDateTime &now);
    // The Status text of an active token that expires within a day.
    static QString expiringSoonText();

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace tc
