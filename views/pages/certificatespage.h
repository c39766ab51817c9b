#pragma once

#include "page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSplitter;
class QTableView;
class QTimer;

namespace tc {

class CredentialListModel;
class DetailsView;
class Site;

// Administration > Security > Certificates: the title bar with the Type filter
// and the search box, the error banner, the list and the details pane. The
// page applies its own search and filter to the model; the window connects
// the commands, menus and selection to the widgets it exposes.
class CertificatesPage : public Page
{
    Q_OBJECT

public:
    CertificatesPage(Site &site, CredentialListModel *model, QWidget *parent = nullptr);

    QList<Folder> folders() const override { return administrationSecurity(); }
    QString title() const override;
    QString iconPath() const override { return QStringLiteral(":/icons/certificate.svg"); }
    QString menuText() const override;

    QTableView *table() const { return m_table; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *typeFilter() const { return m_typeFilter; }
    DetailsView *details() const { return m_details; }

    // Puts the cursor in the search box, its text selected (Ctrl+F).
    void focusSearch();
    // Clears the search and the Type filter, so that every item is listed.
    void showEverything();
    // The red banner above the list, until the window is opened again.
    void showError(const QString &message);
    // Column widths and order from the texts the columns show, in this language.
    void applyDefaultColumns();

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

signals:
    // The search or the Type filter changed what is listed.
    void filterChanged();

private:
    void createTitleBar();
    void createList(Site &site);
    void applySearch();
    void showHeaderMenu(const QPoint &pos);

    CredentialListModel *m_model;
    QTableView *m_table = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_typeFilter = nullptr;
    QLabel *m_errorBanner = nullptr;
    QSplitter *m_listSplitter = nullptr;
    DetailsView *m_details = nullptr;
    QTimer *m_searchDebounce = nullptr;
};

} // namespace tc
