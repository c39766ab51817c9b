#pragma once

#include <QTabWidget>

class QAction;
class QHBoxLayout;
class QLabel;

namespace tc {

// A ribbon in the style of the management console: tabs of grouped, large
// tool buttons (icon above text). The buttons show shared QActions.
class Ribbon : public QTabWidget
{
    Q_OBJECT

public:
    explicit Ribbon(QWidget *parent = nullptr);

    // Adds a tab; returns its index.
    int addPage(const QString &title);
    // Adds a group of buttons to a tab; returns the group's title label.
    QLabel *addGroup(int page, const QString &title, const QList<QAction *> &actions);
};

} // namespace tc
