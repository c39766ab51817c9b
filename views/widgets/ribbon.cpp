#include "ribbon.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace tc {

Ribbon::Ribbon(QWidget *parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("ribbon"));
    setAccessibleName(tr("Ribbon"));
    setDocumentMode(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

int Ribbon::addPage(const QString &title)
{
    auto *page = new QWidget(this);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(6, 4, 6, 2);
    layout->setSpacing(4);
    layout->addStretch();
    return addTab(page, title);
}

QLabel *Ribbon::addGroup(int pageIndex, const QString &title, const QList<QAction *> &actions)
{
    QWidget *page = widget(pageIndex);
    auto *pageLayout = static_cast<QHBoxLayout *>(page->layout());
    const int insertAt = pageLayout->count() - 1; // before the stretch
    if (insertAt > 0) {
        auto *line = new QFrame(page);
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Sunken);
        pageLayout->insertWidget(insertAt, line);
    }

    auto *group = new QWidget(page);
    auto *groupLayout = new QVBoxLayout(group);
    groupLayout->setContentsMargins(2, 0, 2, 0);
    groupLayout->setSpacing(0);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    for (QAction *action : actions) {
        auto *button = new QToolButton(group);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        button->setIconSize(QSize(32, 32));
        button->setAutoRaise(true);
        button->setMinimumWidth(72);

        button->setObjectName(QStringLiteral("ribbon_") + action->objectName());
        // A screen reader says what the button shows, on one line: the text
        // under a big button may be broken in two ("Create Bulk\nRegistration
        // Token"), which an accessible name must not carry.
        const auto nameFromAction = [button, action] {
            button->setAccessibleName(action->iconText().replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified());
        };
        nameFromAction();
        connect(action, &QAction::changed, button, nameFromAction);
        // The buttons duplicate the menu bar for the mouse; keyboard users reach
        // the same actions through the menus and shortcuts.
        button->setFocusPolicy(Qt::TabFocus);
        buttons->addWidget(button, 0, Qt::AlignTop); // icons line up whatever the text's lines
    }
    groupLayout->addLayout(buttons);
    groupLayout->addStretch(); // the group titles share one baseline
    auto *label = new QLabel(title, group);
    label->setAlignment(Qt::AlignHCenter);
    label->setEnabled(false);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    groupLayout->addWidget(label);
    pageLayout->insertWidget(pageLayout->count() - 1, group);
    return label;
}

} // namespace tc
