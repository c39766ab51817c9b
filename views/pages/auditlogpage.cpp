#include "auditlogpage.h"

#include "auditlogmodel.h"
#include "records.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace tc {

AuditLogPage::AuditLogPage(Site &site, int pollMilliseconds, QWidget *parent) : Page(parent)
{
    setObjectName(QStringLiteral("auditLogPage"));
    m_model = new AuditLogModel(site, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QLabel *heading = createTitle(title(), this);
    heading->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(heading);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit log"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics fm = fontMetrics();
    m_table->setColumnWidth(AuditLogModel::Time, fm.horizontalAdvance(QStringLiteral("00/00/0000 00:00 PM")) + 24);
    m_table->setColumnWidth(AuditLogModel::User, fm.horizontalAdvance(QStringLiteral("administrator")) + 24);
    int actionWidth = 0;
    for (AuditAction action : kAllAuditActions)
        actionWidth = qMax(actionWidth, fm.horizontalAdvance(auditActionDisplayName(action)));
    m_table->setColumnWidth(AuditLogModel::Action, actionWidth + 36);
    m_table->setColumnWidth(AuditLogModel::Target,
                            fm.horizontalAdvance(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")) + 24);
    layout->addWidget(m_table, 1);

    m_poll = new QTimer(this);
    m_poll->setInterval(pollMilliseconds);
    connect(m_poll, &QTimer::timeout, this, &AuditLogPage::refresh);
}

QString AuditLogPage::title() const
{
    return tr("Audit Log");
}

QString AuditLogPage::menuText() const
{
    return tr("&Audit Log");
}

void AuditLogPage::shown()
{
    refresh();
    m_poll->start();
}

void AuditLogPage::hidden()
{
    m_poll->stop();
}

void AuditLogPage::refresh()
{
    if (const QString error = m_model->reload(); !error.isEmpty())
        emit databaseError(error);
}

} // namespace tc
