#include "createtokendialog.h"

#include "lifetimespinbox.h"
#include "records.h"
#include "site.h"
#include "tokenservice.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tc {

QString lifetimeInWords(int minutes)
{
    const int days = minutes / 1440;
    const int hours = (minutes % 1440) / 60;
    const int mins = minutes % 60;
    QStringList parts;
    if (days)
        parts << CreateTokenDialog::tr("%n day(s)", nullptr, days);
    if (hours)
        parts << CreateTokenDialog::tr("%n hour(s)", nullptr, hours);
    if (mins || parts.isEmpty())
        parts << CreateTokenDialog::tr("%n minute(s)", nullptr, mins);
    return parts.join(QLatin1Char(' '));
}

CreateTokenDialog::CreateTokenDialog(Site &site, QWidget *parent) : QDialog(parent), m_site(site)
{
    setWindowTitle(tr("Create Bulk Registration Token"));
    setObjectName(QStringLiteral("createTokenDialog"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/new-token.svg")));
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    // Page 1: the lifetime.
    auto *ask = new QWidget(m_pages);
    auto *askLayout = new QVBoxLayout(ask);
    askLayout->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(tr("A bulk registration token lets devices that were never on the internal network "
                                "register through the cloud management gateway. Choose how long it stays valid."),
                             ask);
    intro->setWordWrap(true);
    askLayout->addWidget(intro);
    auto *form = new QFormLayout;
    m_lifetime = new LifetimeSpinBox(ask);
    m_lifetime->setObjectName(QStringLiteral("lifetimeSpinBox"));
    m_lifetime->setValidRange(1, kMaxLifetimeMinutes);
    m_lifetime->setValue(kDefaultLifetimeMinutes);
    m_lifetime->setSuffix(tr(" minutes"));
    m_lifetime->setAccessibleName(tr("Lifetime in minutes"));
    m_lifetime->setMinimumWidth(160);
    form->addRow(tr("&Lifetime:"), m_lifetime);
    m_lifetimeText = new QLabel(ask);
    m_lifetimeText->setObjectName(QStringLiteral("lifetimeText"));
    form->addRow(QString(), m_lifetimeText);
    askLayout->addLayout(form);
    auto *range = new QLabel(
        tr("From 1 minute to 10,080 minutes (seven days). The default is 4,320 minutes (three days)."), ask);
    range->setWordWrap(true);
    range->setEnabled(false);
    askLayout->addWidget(range);
    m_error = new QLabel(ask);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    askLayout->addWidget(m_error);
    askLayout->addStretch();
    auto *askButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, ask);
    m_create = askButtons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    askLayout->addWidget(askButtons);
    connect(askButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &CreateTokenDialog::createToken);
    // Both: the spin box is silent while the text is out of range, and its
    // editor is silent when the value is set programmatically.
    connect(m_lifetime, &QSpinBox::textChanged, this, &CreateTokenDialog::updateLifetimeText);
    connect(m_lifetime->findChild<QLineEdit *>(), &QLineEdit::textChanged, this,
            &CreateTokenDialog::updateLifetimeText);
    m_pages->addWidget(ask);

    // Page 2: the token, once.
    auto *show = new QWidget(m_pages);
    auto *showLayout = new QVBoxLayout(show);
    showLayout->setContentsMargins(0, 0, 0, 0);
    auto *showForm = new QFormLayout;
    m_guidLabel = new QLabel(show);
    m_guidLabel->setObjectName(QStringLiteral("guidLabel"));
    m_guidLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_guidLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    showForm->addRow(tr("GUID:"), m_guidLabel);
    m_validityLabel = new QLabel(show);
    m_validityLabel->setObjectName(QStringLiteral("validityLabel"));
    m_validityLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    showForm->addRow(tr("Valid:"), m_validityLabel);
    showLayout->addLayout(showForm);
    auto *warning = new QLabel(show);
    warning->setObjectName(QStringLiteral("notStoredWarning"));
    warning->setWordWrap(true);
    warning->setText(tr("Copy the token now. It is not stored anywhere and cannot be shown again; "
                        "if it is lost, block it and create a new one."));
    warning->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; color: #3b2f00; border: 1px solid #e0c060;"
                                          " border-radius: 3px; padding: 6px; }"));
    showLayout->addWidget(warning);
    m_token = new QPlainTextEdit(show);
    m_token->setObjectName(QStringLiteral("tokenText"));
    m_token->setReadOnly(true);
    m_token->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_token->setWordWrapMode(QTextOption::WrapAnywhere);
    m_token->setAccessibleName(tr("Token"));
    m_token->setTabChangesFocus(true);
    m_token->setMinimumHeight(140);
    showLayout->addWidget(m_token);
    auto *showButtons = new QDialogButtonBox(QDialogButtonBox::Close, show);
    m_copy = showButtons->addButton(tr("&Copy Token"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyTokenButton"));
    m_copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(displayedToken());
        m_copy->setText(tr("Copied"));
    });
    connect(showButtons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    showLayout->addWidget(showButtons);
    m_pages->addWidget(show);

    updateLifetimeText();
    resize(560, 300);
}

CreateTokenDialog::~CreateTokenDialog()
{
    // The spin box outlives this part of the object while QDialog tears down its
    // children; its focus-out signals must not reach our slots any more.
    m_lifetime->disconnect(this);
    if (auto *edit = m_lifetime->findChild<QLineEdit *>())
        edit->disconnect(this);
    // Drop the only copy this program holds.
    m_token->clear();
}

Result<int> CreateTokenDialog::typedLifetime() const
{
    return TokenService::parseLifetime(m_lifetime->cleanText().remove(QLocale().groupSeparator()));
}

bool CreateTokenDialog::canCreate() const
{
    return typedLifetime().ok();
}

void CreateTokenDialog::updateLifetimeText()
{
    const Result<int> lifetime = typedLifetime();
    const bool ok = lifetime.ok();
    m_create->setEnabled(ok);
    if (ok) {
        m_error->hide();
        const QDateTime until = QDateTime::currentDateTime().addSecs(qint64(*lifetime) * 60);
        m_lifetimeText->setText(tr("%1 — valid until about %2")
                                    .arg(lifetimeInWords(*lifetime), QLocale().toString(until, QLocale::ShortFormat)));
    } else {
        m_lifetimeText->setText(tr("Give a whole number from 1 to 10,080."));
    }
    // What the eye reads under the field is what a screen reader says of it,
    // and of the button it enables.
    m_lifetime->setAccessibleDescription(m_lifetimeText->text());
    m_create->setAccessibleDescription(ok ? QString() : m_lifetimeText->text());
}

void CreateTokenDialog::keyPressEvent(QKeyEvent *event)
{
    // Enter on a refused lifetime says why instead of doing nothing silently;
    // the default button is disabled, so it never fires with such a value.
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && m_pages->currentIndex() == 0) {
        if (const Result<int> lifetime = typedLifetime(); !lifetime) {
            showError(lifetime.error());
            event->accept();
            return;
        }
    }
    QDialog::keyPressEvent(event);
}

void CreateTokenDialog::showError(const QString &message)
{
    m_lastError = message;
    m_error->setText(message);
    m_error->setAccessibleName(message);
    m_error->show();
}

bool CreateTokenDialog::createToken()
{
    const Result<int> lifetime = typedLifetime();
    if (!lifetime) {
        showError(lifetime.error());
        return false;
    }
    TokenService service(m_site);
    auto issued = service.issue(*lifetime);
    if (!issued) {
        showError(issued.error());
        return false;
    }
    m_guid = issued->guid;
    m_guidLabel->setText(issued->guid);
    const QLocale locale;
    m_validityLabel->setText(tr("%1 to %2 (%3)")
                                 .arg(locale.toString(issued->notBefore.toLocalTime(), QLocale::LongFormat),
                                      locale.toString(issued->notAfter.toLocalTime(), QLocale::LongFormat),
                                      lifetimeInWords(issued->lifetimeMinutes)));
    m_token->setPlainText(QString::fromLatin1(issued->token));
    m_pages->setCurrentIndex(1);
    m_copy->setFocus();
    resize(640, 380);
    emit tokenCreated(m_guid);
    return true;
}

QString CreateTokenDialog::displayedToken() const
{
    return m_token->toPlainText();
}

} // namespace tc
