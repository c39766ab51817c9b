#include "page.h"

#include <QLabel>

namespace tc {

QList<Page::Folder> Page::administrationSecurity()
{
    return {{tr("Administration"), QStringLiteral(":/icons/administration.svg")},
            {tr("Security"), QStringLiteral(":/icons/security.svg")}};
}

QLabel *Page::createTitle(const QString &text, QWidget *parent)
{
    auto *title = new QLabel(text, parent);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    title->setFont(font);
    return title;
}

} // namespace tc
