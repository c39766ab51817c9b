#include "certificatespage.h"

#include "credentiallistmodel.h"
#include "detailsview.h"
#include "labelledcombobox.h"
#include "statusdelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tc {

namespace {
constexpr int kSearchDebounceMilliseconds = 200;
} // namespace

CertificatesPage::CertificatesPage(Site &site, CredentialListModel *model, QWidget *parent)
    : Page(parent), m_model(model)
{
    setObjectName(QStringLiteral("certificatesPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    createTitleBar();

    m_errorBanner = new QLabel(this);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setTextFormat(Qt::PlainText);
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setStyleSheet(QStringLiteral("QLabel { background: #fde7e9; color: #8a101c; padding: 8px;"
                                                " border-top: 1px solid #e8a0a8; border-bottom: 1px solid #e8a0a8; }"));
    m_errorBanner->hide();
    layout->addWidget(m_errorBanner);
    createList(site);

    m_searchDebounce = new QTimer(this);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(kSearchDebounceMilliseconds);
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this, &CertificatesPage::applySearch);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDebounce->stop();
        m_model->setSearchText(m_search->text().trimmed());
        emit filterChanged();
        // Enter takes the user to the matches with one selected, so the next key
        // (Enter, Ctrl+B, the Menu key) acts on it: the current row if it is
        // still listed (every listed row matches), else the first.
        m_table->setFocus(Qt::OtherFocusReason);
        if (m_model->rowCount() == 0)
            return;
        const QModelIndex current = m_table->currentIndex();
        const QModelIndex target = m_model->index(current.isValid() ? current.row() : 0, 0);
        m_table->selectionModel()->setCurrentIndex(target,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(target);
    });
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant kind = m_typeFilter->itemData(index);
        m_model->setKindFilter(kind.isValid() ? std::optional<CredentialKind>(CredentialKind(kind.toInt()))
                                              : std::nullopt);
        emit filterChanged();
    });
}

QString CertificatesPage::title() const
{
    return tr("Certificates");
}

QString CertificatesPage::menuText() const
{
    return tr("C&ertificates");
}

void CertificatesPage::createTitleBar()
{
    auto *bar = new QWidget(this);
    auto *barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(10, 8, 10, 8);
    barLayout->setSpacing(8);
    barLayout->addWidget(createTitle(title(), bar));
    barLayout->addStretch();
    auto *typeLabel = new QLabel(tr("&Type:"), bar);
    barLayout->addWidget(typeLabel);
    m_typeFilter = new LabelledComboBox(bar);
    m_typeFilter->setObjectName(QStringLiteral("typeFilter"));
    m_typeFilter->setAccessibleName(tr("Type filter"));
    m_typeFilter->addItem(tr("All"));
    for (CredentialKind kind : {CredentialKind::BulkToken, CredentialKind::IssuingRoot, CredentialKind::TokenSigning})
        m_typeFilter->addItem(kindDisplayName(kind), int(kind));
    m_typeFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    typeLabel->setBuddy(m_typeFilter);
    barLayout->addWidget(m_typeFilter);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setPlaceholderText(tr("Search GUID, subject or thumbprint (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(qMax(320, m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 56));
    barLayout->addWidget(m_search);
    layout()->addWidget(bar);
}

void CertificatesPage::createList(Site &site)
{
    m_listSplitter = new QSplitter(Qt::Vertical, this);
    m_listSplitter->setObjectName(QStringLiteral("listSplitter"));
    m_listSplitter->setChildrenCollapsible(false);
    m_table = new QTableView(m_listSplitter);
    m_table->setObjectName(QStringLiteral("certificateTable"));
    m_table->setAccessibleName(tr("Certificates and bulk registration tokens"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new StatusDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setTabKeyNavigation(false);
    // Uniform, fixed rows: the view never measures a million rows.
    QHeaderView *vertical = m_table->verticalHeader();
    vertical->setSectionResizeMode(QHeaderView::Fixed);
    vertical->setDefaultSectionSize(fontMetrics().height() + 10);
    vertical->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->setSortIndicatorShown(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &CertificatesPage::showHeaderMenu);

    m_details = new DetailsView(site, m_listSplitter);
    m_details->setMinimumHeight(120);
    m_listSplitter->addWidget(m_table);
    m_listSplitter->addWidget(m_details);
    m_listSplitter->setStretchFactor(0, 3);
    m_listSplitter->setStretchFactor(1, 1);
    m_listSplitter->setSizes({520, 200});
    static_cast<QVBoxLayout *>(layout())->addWidget(m_listSplitter, 1);
}

void CertificatesPage::applySearch()
{
    m_model->setSearchText(m_search->text().trimmed());
    emit filterChanged();
}

void CertificatesPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CertificatesPage::showEverything()
{
    m_search->clear();
    m_searchDebounce->stop();
    m_model->setSearchText(QString());
    m_typeFilter->setCurrentIndex(0);
}

void CertificatesPage::showError(const QString &message)
{
    m_errorBanner->setText(tr("The site database could not be read; the list may be out of date. %1").arg(message));
    m_errorBanner->show();
}

void CertificatesPage::applyDefaultColumns()
{
    // Widths from the texts the columns will show, in the current language.
    const QFontMetrics fm = m_table->fontMetrics();
    QHeaderView *header = m_table->horizontalHeader();
    auto fit = [&](CredentialColumn column, const QStringList &samples, int cap = 320) {
        const int c = int(column);
        int widest = fm.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 24; // sort arrow
        for (const QString &sample : samples)
            widest = qMax(widest, fm.horizontalAdvance(sample));
        // And the first rows as they are: a bounded look, never ResizeToContents.
        for (int row = 0; row < qMin(m_model->rowCount(), 50); ++row)
            widest = qMax(widest, qMin(fm.horizontalAdvance(m_model->index(row, c).data().toString()), cap));
        m_table->setColumnWidth(c, widest + 20);
    };
    for (int c = 0; c < int(CredentialColumn::NumColumns); ++c) {
        header->setSectionHidden(c, false);
        header->moveSection(header->visualIndex(c), c);
    }
    const QString date = QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(22, 58)), QLocale::ShortFormat);
    QStringList statuses;
    for (DisplayStatus s :
         {DisplayStatus::Active, DisplayStatus::Blocked, DisplayStatus::Expired, DisplayStatus::Superseded})
        statuses << statusDisplayName(s) + QLatin1String("     "); // room for the icon
    statuses << expiresSoonDisplayName() + QLatin1String("     ");
    fit(CredentialColumn::Name, {QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")});
    fit(CredentialColumn::Type,
        {kindDisplayName(CredentialKind::BulkToken), kindDisplayName(CredentialKind::TokenSigning)});
    fit(CredentialColumn::Status, statuses);
    fit(CredentialColumn::ValidFrom, {date});
    fit(CredentialColumn::ValidTo, {date});
    fit(CredentialColumn::Remaining, {QStringLiteral("18 h 31 min")});
    fit(CredentialColumn::Lifetime, {QStringLiteral("6 d 23 h")}, 150); // the rest is in the tooltip and details
    fit(CredentialColumn::Issuer, {QStringLiteral("SMS Token Signing Certificate")});
    fit(CredentialColumn::Thumbprint, {QStringLiteral("0123456789ABCDEF0123456789ABCDEF01234567")});
    fit(CredentialColumn::CreatedBy, {QStringLiteral("administrator")});
    fit(CredentialColumn::BlockedBy, {QStringLiteral("administrator")});
    // What fits a 1280-pixel window by default. Thumbprints matter for
    // certificates only, every token has the same issuer, a token is valid from
    // its creation, and who blocked it is in the details pane: all of them stay
    // one right-click away on the header.
    for (CredentialColumn c : {CredentialColumn::Thumbprint, CredentialColumn::Issuer, CredentialColumn::ValidFrom,
                               CredentialColumn::BlockedBy})
        header->setSectionHidden(int(c), true);
}

void CertificatesPage::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    int visible = 0;
    for (int c = 0; c < m_model->columnCount(); ++c)
        visible += header->isSectionHidden(c) ? 0 : 1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int c = header->logicalIndex(visual);
        QAction *a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(header->isSectionHidden(c) || visible > 1); // never hide the last column
        connect(a, &QAction::toggled, this, [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu->addSeparator();
    menu->addAction(tr("Reset Columns"), this, &CertificatesPage::applyDefaultColumns);
    menu->popup(header->mapToGlobal(pos));
}

void CertificatesPage::saveSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("listSplitter"), m_listSplitter->saveState());
    settings.setValue(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("sortColumn"), m_model->sortColumn());
    settings.setValue(QStringLiteral("sortOrder"), int(m_model->sortOrder()));
    settings.setValue(QStringLiteral("search"), m_search->text());
    settings.setValue(QStringLiteral("typeFilter"), m_typeFilter->currentIndex());
}

void CertificatesPage::restoreSettings(const QSettings &settings)
{
    m_listSplitter->restoreState(settings.value(QStringLiteral("listSplitter")).toByteArray());
    QHeaderView *header = m_table->horizontalHeader();
    if (settings.contains(QStringLiteral("header")))
        header->restoreState(settings.value(QStringLiteral("header")).toByteArray());
    // Until the administrator chooses otherwise: what needs attention first
    // (expired, then expiring soon), by Valid To.
    const int sortColumn = settings.value(QStringLiteral("sortColumn"), int(CredentialColumn::ValidTo)).toInt();
    const auto sortOrder = Qt::SortOrder(settings.value(QStringLiteral("sortOrder"), int(Qt::AscendingOrder)).toInt());
    if (sortColumn >= 0 && sortColumn < m_model->columnCount())
        m_table->sortByColumn(sortColumn, sortOrder);
    const int type = settings.value(QStringLiteral("typeFilter"), 0).toInt();
    if (type >= 0 && type < m_typeFilter->count())
        m_typeFilter->setCurrentIndex(type);
    const QString search = settings.value(QStringLiteral("search")).toString();
    m_search->setText(search);
    m_searchDebounce->stop();
    m_model->setSearchText(search.trimmed());
}

} // namespace tc
