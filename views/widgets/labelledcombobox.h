#pragma once

#include <QComboBox>

namespace tc {

// A combo box whose accessible name is its label ("Type filter"), with the
// chosen item as its value. On Linux Qt reports a combo box's current text as
// its name and leaves the label to a relation, so a screen reader announced the
// Type filter as just "All".
class LabelledComboBox : public QComboBox
{
    Q_OBJECT

public:
    explicit LabelledComboBox(QWidget *parent = nullptr);

    // Makes QAccessible build our interface for every LabelledComboBox; called
    // once by the constructor, harmless to call again.
    static void installAccessibleFactory();
};

} // namespace tc
