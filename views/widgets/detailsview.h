#pragma once

#include "records.h"

#include <QDialog>
#include <QTextBrowser>
#include <optional>

namespace tc {

class Site;

// Everything known about one item, as escaped HTML: all metadata; for a
// certificate its X.509 fields; for a token its audit history.
QString detailsHtml(Site &site, const CredentialRecord &record, const QDateTime &now);

// The details pane beside the list.
class DetailsView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit DetailsView(Site &site, QWidget *parent = nullptr);
    void showRecord(const std::optional<CredentialRecord> &record, int selectedCount = 1);

private:
    Site &m_site;
};

// The Properties dialog: the same details in a window of their own.
class PropertiesDialog : public QDialog
{
    Q_OBJECT

public:
    PropertiesDialog(Site &site, const CredentialRecord &record, QWidget *parent = nullptr);
};

} // namespace tc
