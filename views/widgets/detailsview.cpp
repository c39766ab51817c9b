#include "detailsview.h"

#include "createtokendialog.h"
#include "site.h"

#include <QDialogButtonBox>
#include <QLocale>
#include <QVBoxLayout>

namespace tc {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString when(const QDateTime &t)
{
    if (!t.isValid())
        return QStringLiteral("—");
    return esc(QLocale().toString(t.toLocalTime(), QLocale::LongFormat)) + QStringLiteral(" <span style='color:#666'>(")
        + esc(isoUtc(t)) + QStringLiteral(")</span>");
}

QString row(const QString &label, const QString &htmlValue)
{
    return QStringLiteral("<tr><td style='color:#555; padding-right:12px; white-space:nowrap' valign='top'>%1</td>"
                          "<td>%2</td></tr>")
        .arg(esc(label), htmlValue);
}

QString mono(const QString &text)
{
    return QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(esc(text));
}

} // namespace

QString detailsHtml(Site &site, const CredentialRecord &r, const QDateTime &now)
{
    QString html
        = QStringLiteral("<h3 style='margin-bottom:2px'>%1</h3><p style='margin-top:0; color:#555'>%2 · %3</p>")
              .arg(esc(r.name), esc(kindDisplayName(r.kind)), esc(statusDisplayName(r.statusAt(now))));
    html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    if (r.isToken()) {
        html += row(DetailsView::tr("GUID"), mono(r.name));
        html += row(DetailsView::tr("Valid from"), when(r.notBefore));
        html += row(DetailsView::tr("Valid to"), when(r.notAfter));
        html += row(DetailsView::tr("Lifetime"),
                    esc(DetailsView::tr("%1 (%n minute(s))", nullptr, r.lifetimeMinutes)
                            .arg(lifetimeInWords(r.lifetimeMinutes))));
        html += row(DetailsView::tr("Signed by"), esc(r.issuer));
        html += row(DetailsView::tr("Signing thumbprint"), mono(r.signerThumbprint));
        html += row(DetailsView::tr("Created"), when(r.createdAt));
        html += row(DetailsView::tr("Created by"), esc(r.createdBy));
        if (r.state == CredentialState::Blocked) {
            html += row(DetailsView::tr("Blocked"), when(r.blockedAt));
            html += row(DetailsView::tr("Blocked by"), esc(r.blockedBy));
            html += row(DetailsView::tr("Reason"), r.blockReason.isEmpty() ? QStringLiteral("—") : esc(r.blockReason));
        }
        html += QStringLiteral("</table>");

        html += QStringLiteral("<h4>%1</h4>").arg(esc(DetailsView::tr("History")));
        auto events = site.store().audit(r.name);
        if (!events) {
            html += QStringLiteral("<p>%1</p>").arg(esc(events.error()));
        } else if (events->isEmpty()) {
            html += QStringLiteral("<p>%1</p>").arg(esc(DetailsView::tr("No audit events.")));
        } else {
            html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
            for (const AuditEvent &e : *events) {
                html += QStringLiteral("<tr><td style='white-space:nowrap; padding-right:10px' valign='top'>%1</td>"
                                       "<td style='padding-right:10px' valign='top'><b>%2</b></td>"
                                       "<td style='padding-right:10px' valign='top'>%3</td><td>%4</td></tr>")
                            .arg(esc(QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat)),
                                 esc(auditActionDisplayName(e.action)), esc(e.actor), esc(e.detail));
            }
            html += QStringLiteral("</table>");
        }
        return html;
    }

    auto stored = site.store().findCertificate(r.thumbprint);
    if (stored && stored->has_value()) {
        const Certificate &c = (*stored)->certificate;
        html += row(DetailsView::tr("Subject"), esc(c.subject()));
        html += row(DetailsView::tr("Issuer"), esc(c.issuer()));
        html += row(DetailsView::tr("Serial number"), mono(c.serialNumber()));
        html += row(DetailsView::tr("Valid from"), when(c.notBefore()));
        html += row(DetailsView::tr("Valid to"), when(c.notAfter()));
        html += row(DetailsView::tr("Thumbprint (SHA-1)"), mono(c.thumbprint()));
        html += row(DetailsView::tr("Key size"), esc(DetailsView::tr("%1 bits").arg(c.keyBits())));
        html += row(DetailsView::tr("Signature algorithm"), esc(c.signatureAlgorithm()));
        html += row(DetailsView::tr("Certificate authority"),
                    esc(c.isCertificateAuthority() ? DetailsView::tr("Yes") : DetailsView::tr("No")));
    } else {
        html += row(DetailsView::tr("Thumbprint (SHA-1)"), mono(r.thumbprint));
        html += row(DetailsView::tr("Valid from"), when(r.notBefore));
        html += row(DetailsView::tr("Valid to"), when(r.notAfter));
        html += row(DetailsView::tr("Issuer"), esc(r.issuer));
        html += row(
            DetailsView::tr("Certificate"),
            esc(stored ? DetailsView::tr("The certificate could not be found in the site database.") : stored.error()));
    }
    html += row(DetailsView::tr("Created"), when(r.createdAt));
    html += row(DetailsView::tr("Created by"), esc(r.createdBy));
    if (r.state == CredentialState::Superseded)
        html += row(DetailsView::tr("Note"),
                    esc(DetailsView::tr("Superseded: tokens signed with this certificate no longer verify.")));
    html += QStringLiteral("</table>");
    return html;
}

DetailsView::DetailsView(Site &site, QWidget *parent) : QTextBrowser(parent), m_site(site)
{
    setObjectName(QStringLiteral("detailsView"));
    setAccessibleName(tr("Details"));
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    showRecord(std::nullopt, 0);
}

void DetailsView::showRecord(const std::optional<CredentialRecord> &record, int selectedCount)
{
    if (!record) {
        const QString text = selectedCount > 1 ? tr("%n items selected.", nullptr, selectedCount)
                                               : tr("Select an item to see its details.");
        setHtml(QStringLiteral("<p style='color:#666'>%1</p>").arg(text.toHtmlEscaped()));
        return;
    }
    setHtml(detailsHtml(m_site, *record, QDateTime::currentDateTimeUtc()));
}

PropertiesDialog::PropertiesDialog(Site &site, const CredentialRecord &record, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("propertiesDialog"));
    setWindowTitle(tr("Properties — %1").arg(record.name));
    auto *layout = new QVBoxLayout(this);
    auto *view = new DetailsView(site, this);
    view->setFrameShape(QFrame::StyledPanel);
    view->showRecord(record);
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 480);
}

} // namespace tc
