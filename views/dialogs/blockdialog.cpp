#include "blockdialog.h"

#include "tokenservice.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tc {

BlockDialog::BlockDialog(const QList<CredentialRecord> &tokens, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Block Tokens"));
    setObjectName(QStringLiteral("blockDialog"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Block %n bulk registration token(s)? Devices can no longer register with a blocked "
                                "token. You can unblock it later.",
                                nullptr, int(tokens.size())),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);

    auto *list = new QListWidget(this);
    list->setObjectName(QStringLiteral("guidList"));
    list->setAccessibleName(tr("Tokens to block"));
    list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    list->setUniformItemSizes(true);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    // A dialog cannot usefully show ten thousand lines; the count above is exact.
    constexpr int kShown = 1000;
    for (int i = 0; i < tokens.size() && i < kShown; ++i)
        list->addItem(tokens[i].name);
    if (tokens.size() > kShown)
        list->addItem(tr("… and %n more", nullptr, int(tokens.size() - kShown)));
    list->setMaximumHeight(160);
    layout->addWidget(list);

    auto *reasonLabel = new QLabel(tr("&Reason (optional, shown in the audit log):"), this);
    layout->addWidget(reasonLabel);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setTabChangesFocus(true);
    m_reason->setMaximumHeight(80);
    reasonLabel->setBuddy(m_reason);
    layout->addWidget(m_reason);
    m_counter = new QLabel(this);
    m_counter->setAlignment(Qt::AlignRight);
    layout->addWidget(m_counter);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Block"));
    m_buttons->button(QDialogButtonBox::Ok)->setIcon(QIcon(QStringLiteral(":/icons/block.svg")));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canAccept())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &BlockDialog::updateState);
    updateState();
    // The list is there to read; the first thing to do is give a reason or confirm.
    m_reason->setFocus(Qt::OtherFocusReason);
    resize(520, sizeHint().height());
}

QString BlockDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void BlockDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

bool BlockDialog::canAccept() const
{
    return reason().size() <= TokenService::kMaxReasonLength;
}

void BlockDialog::updateState()
{
    const int length = int(reason().size());
    m_counter->setText(tr("%1 / %2 characters").arg(length).arg(TokenService::kMaxReasonLength));
    m_counter->setStyleSheet(canAccept() ? QString() : QStringLiteral("color: #b00020;"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
}

} // namespace tc
