#pragma once

#include <QSpinBox>

namespace tc {

// The lifetime field of the Create dialog. A plain QSpinBox with the range 1 to
// 10,080 rewrites what is typed: its validator drops the keystroke that takes a
// number past the maximum (10081 becomes 1008), and Enter or leaving the field
// corrects 0 to 1. Either way a token would be made with a lifetime nobody
// typed. This box keeps any whole number as typed (and an empty text as empty),
// so the dialog can refuse it and say why; only the arrow keys, Page Up/Down
// and the wheel are held to the valid range.
class LifetimeSpinBox : public QSpinBox
{
    Q_OBJECT

public:
    explicit LifetimeSpinBox(QWidget *parent = nullptr);

    // The valid range, as the arrows step through it.
    int validMinimum() const { return m_validMinimum; }
    int validMaximum() const { return m_validMaximum; }
    void setValidRange(int minimum, int maximum);

    void stepBy(int steps) override;

protected:
    QValidator::State validate(QString &input, int &pos) const override;
    void fixup(QString &input) const override;
    int valueFromText(const QString &text) const override;
    QString textFromValue(int value) const override;
    StepEnabled stepEnabled() const override;

private:
    // The value that stands for an empty field (below anything one can type).
    static constexpr int kEmpty = -1'000'000'000;
    QString numberPart(const QString &input) const;

    int m_validMinimum = 1;
    int m_validMaximum = 99;
};

} // namespace tc
