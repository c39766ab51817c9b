#pragma once

#include "result.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QKeyEvent;
class QStackedWidget;

namespace tc {

class LifetimeSpinBox;
class Site;

// Create Bulk Registration Token: the lifetime (1 to 10,080 minutes, shown as
// days and hours too), then the GUID, validity and the token, shown once.
class CreateTokenDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CreateTokenDialog(Site &site, QWidget *parent = nullptr);
    ~CreateTokenDialog() override;

    LifetimeSpinBox *lifetimeBox() const { return m_lifetime; }
    QPushButton *createButton() const { return m_create; }
    // True when the lifetime as typed is a whole number in range.
    bool canCreate() const;
    // Issues the token (metadata committed first) and shows it. False, with a
    // message, when the lifetime is out of range or the site refused.
    bool createToken();

    QString createdGuid() const { return m_guid; }
    // The token text as displayed (for the Copy button and the tests).
    QString displayedToken() const;
    QString lastError() const { return m_lastError; }

signals:
    void tokenCreated(const QString &guid);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    // The lifetime as typed (group separators allowed), or why it is refused.
    Result<int> typedLifetime() const;
    void updateLifetimeText();
    void showError(const QString &message);

    Site &m_site;
    QStackedWidget *m_pages;
    LifetimeSpinBox *m_lifetime;
    QLabel *m_lifetimeText;
    QLabel *m_error;
    QPushButton *m_create;
    QLabel *m_guidLabel;
    QLabel *m_validityLabel;
    QPlainTextEdit *m_token;
    QPushButton *m_copy;
    QString m_guid;
    QString m_lastError;
};

// "3 days", "1 day 2 hours 5 minutes": the lifetime as a person reads it.
QString lifetimeInWords(int minutes);

} // namespace tc
