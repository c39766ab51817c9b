#pragma once

#include <QIcon>
#include <QList>
#include <QString>
#include <QWidget>

class QLabel;

namespace tc {

// One page of the console: a leaf of the navigation tree (under its folders)
// and a widget of the page stack. MainWindow builds the tree and the View
// menu's "go to" entries from the pages it is given, in that order.
class Page : public QWidget
{
    Q_OBJECT

public:
    // A folder of the navigation tree above the page (not a page itself).
    struct Folder
    {
        QString text;
        QString iconPath;
    };

    explicit Page(QWidget *parent = nullptr) : QWidget(parent) { }

    // The folders from the root down, e.g. Administration > Security.
    virtual QList<Folder> folders() const = 0;
    virtual QString title() const = 0;
    virtual QString iconPath() const = 0;
    // The View menu's entry (with its mnemonic), e.g. "C&ertificates".
    virtual QString menuText() const = 0;

    // The page became the current one, or stopped being it.
    virtual void shown() { }
    virtual void hidden() { }
    // The Refresh command, while this page is current.
    virtual void refresh() { }

    static QList<Folder> administrationSecurity();

signals:
    // Something the page read failed: one sentence for the window's banner.
    void databaseError(const QString &message);

protected:
    // The page's bold title, as every page shows it at its top left.
    static QLabel *createTitle(const QString &text, QWidget *parent);
};

} // namespace tc
