#pragma once

#include "records.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QDialogButtonBox;

namespace tc {

// Confirmation for Block: names every token and takes an optional reason.
class BlockDialog : public QDialog
{
    Q_OBJECT

public:
    explicit BlockDialog(const QList<CredentialRecord> &tokens, QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &reason);
    bool canAccept() const;

private:
    void updateState();

    QPlainTextEdit *m_reason;
    QLabel *m_counter;
    QDialogButtonBox *m_buttons;
};

} // namespace tc
