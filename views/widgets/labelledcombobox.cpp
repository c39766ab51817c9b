#include "labelledcombobox.h"

#include <QAbstractItemView>
#include <QAccessibleWidget>

namespace tc {

namespace {

class AccessibleLabelledComboBox : public QAccessibleWidget
{
public:
    explicit AccessibleLabelledComboBox(QWidget *widget) : QAccessibleWidget(widget, QAccessible::ComboBox) { }

    QComboBox *comboBox() const { return static_cast<QComboBox *>(object()); }

    QString text(QAccessible::Text t) const override
    {
        switch (t) {
        case QAccessible::Name:
            if (!comboBox()->accessibleName().isEmpty())
                return comboBox()->accessibleName();
            break;
        case QAccessible::Value: return comboBox()->currentText();
        default: break;
        }
        return QAccessibleWidget::text(t);
    }

    // The popup's list, so a screen reader can walk the choices.
    int childCount() const override { return 1; }
    QAccessibleInterface *child(int index) const override
    {
        return index == 0 ? QAccessible::queryAccessibleInterface(comboBox()->view()) : nullptr;
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        return child && child->object() == comboBox()->view() ? 0 : -1;
    }

    QStringList actionNames() const override { return {showMenuAction(), pressAction()}; }
    void doAction(const QString &name) override
    {
        if (name == showMenuAction() || name == pressAction())
            comboBox()->showPopup();
    }
};

QAccessibleInterface *labelledComboBoxFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String("tc::LabelledComboBox") && object && object->isWidgetType())
        return new AccessibleLabelledComboBox(static_cast<QWidget *>(object));
    return nullptr;
}

} // namespace

LabelledComboBox::LabelledComboBox(QWidget *parent) : QComboBox(parent)
{
    installAccessibleFactory();
}

void LabelledComboBox::installAccessibleFactory()
{
    static const bool installed = [] {
        QAccessible::installFactory(labelledComboBoxFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

} // namespace tc
