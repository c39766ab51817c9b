#pragma once

#include "command.h"

namespace tc {

// Create Bulk Registration Token (Ctrl+N): the lifetime dialog, then the token once.
class CreateTokenCommand : public Command
{
    Q_OBJECT

public:
    explicit CreateTokenCommand(CommandContext &context, QObject *parent = nullptr);
    QString disabledReason(const QList<CredentialRecord> &selection) const override;
    void retranslate() override;

signals:
    void tokenCreated(const QString &guid);

protected:
    void execute() override;
    QString description() const override;
};

// Renew Token Signing Certificate: after a plain warning, a new key and
// certificate; every token signed with the old one stops verifying.
class RenewSigningCertificateCommand : public Command
{
    Q_OBJECT

public:
    explicit RenewSigningCertificateCommand(CommandContext &context, QObject *parent = nullptr);
    QString disabledReason(const QList<CredentialRecord> &selection) const override;
    void retranslate() override;
    // Without the confirmation: renews off the GUI thread, then finished().
    void run();

protected:
    void execute() override;
    QString description() const override;
};

// Refresh (F5): picks up changes made by other processes now.
class RefreshCommand : public Command
{
    Q_OBJECT

public:
    explicit RefreshCommand(CommandContext &context, QObject *parent = nullptr);
    QString disabledReason(const QList<CredentialRecord> &selection) const override;
    void retranslate() override;

protected:
    void execute() override;
    QString description() const override;
};

// Properties (Enter): the details of one item in a dialog.
class PropertiesCommand : public Command
{
    Q_OBJECT

public:
    explicit PropertiesCommand(CommandContext &context, QObject *parent = nullptr);
    QString disabledReason(const QList<CredentialRecord> &selection) const override;
    void retranslate() override;

protected:
    void execute() override;
    QString description() const override;
};

// Copy GUID (Ctrl+C): the selected tokens' GUIDs, one a line, to the clipboard.
class CopyGuidCommand : public Command
{
    Q_OBJECT

public:
    explicit CopyGuidCommand(CommandContext &context, QObject *parent = nullptr);
    QString disabledReason(const QList<CredentialRecord> &selection) const override;
    void retranslate() override;

protected:
    void execute() override;
    QString description() const override;
};

} // namespace tc
