#include "statusdelegate.h"

#include "credentiallistmodel.h"

#include <QIcon>

namespace tc {

StatusDelegate::StatusDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

StatusDelegate::Look StatusDelegate::lookOf(const QModelIndex &index, const QDateTime &now)
{
    const QVariant status = index.data(DisplayStatusRole);
    if (!status.isValid())
        return Look::Normal;
    switch (DisplayStatus(status.toInt())) {
    case DisplayStatus::Blocked: return Look::Blocked;
    case DisplayStatus::Expired: return Look::Expired;
    case DisplayStatus::Superseded: return Look::Superseded;
    case DisplayStatus::Active: break;
    }
    const QVariant record = index.data(RecordRole);
    if (record.canConvert<CredentialRecord>() && record.value<CredentialRecord>().expiresSoonAt(now))
        return Look::ExpiringSoon;
    return Look::Normal;
}

void StatusDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const Look look = lookOf(index.siblingAtColumn(int(CredentialColumn::Status)), QDateTime::currentDateTimeUtc());
    if (look == Look::Normal)
        return;
    QColor background;
    QColor text;
    QString icon;
    switch (look) {
    case Look::Blocked:
        background = QColor(0xfd, 0xe7, 0xe9);
        text = QColor(0x8a, 0x10, 0x1c);
        icon = QStringLiteral(":/icons/status-blocked.svg");
        break;
    case Look::Expired:
    case Look::Superseded:
        background = QColor(0xf0, 0xf0, 0xf0);
        text = QColor(0x6b, 0x6b, 0x6b);
        icon = QStringLiteral(":/icons/status-expired.svg");
        break;
    case Look::ExpiringSoon:
        background = QColor(0xff, 0xf4, 0xce);
        text = QColor(0x5c, 0x45, 0x00);
        icon = QStringLiteral(":/icons/status-expiring.svg");
        break;
    case Look::Normal: return;
    }
    if (!(option->state & QStyle::State_Selected)) {
        option->backgroundBrush = background;
        option->palette.setColor(QPalette::Text, text);
    }
    if (index.column() == int(CredentialColumn::Status)) {
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = QIcon(icon);
        option->decorationSize = QSize(16, 16);
    }
}

} // namespace tc
