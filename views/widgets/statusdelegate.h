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
    explicit StatusDelegate(QObject *parent = nullptr);

    enum class Look { Normal, Blocked, Expired, Superseded, ExpiringSoon };
    static Look lookOf(const QModelIndex &index, const QDateTime &now);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace tc
