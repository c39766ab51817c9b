#include "lifetimespinbox.h"

#include <QLineEdit>
#include <QLocale>

namespace tc {

LifetimeSpinBox::LifetimeSpinBox(QWidget *parent) : QSpinBox(parent)
{
    // Wide enough for anything a person types in nine digits; the dialog judges it.
    setRange(kEmpty, 999'999'999);
    setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    setAccelerated(true);
}

void LifetimeSpinBox::setValidRange(int minimum, int maximum)
{
    m_validMinimum = minimum;
    m_validMaximum = maximum;
}

QString LifetimeSpinBox::numberPart(const QString &input) const
{
    QString text = input;
    if (!suffix().isEmpty() && text.endsWith(suffix()))
        text.chop(suffix().size());
    if (!prefix().isEmpty() && text.startsWith(prefix()))
        text.remove(0, prefix().size());
    return text.trimmed();
}

QValidator::State LifetimeSpinBox::validate(QString &input, int &pos) const
{
    const QString number = numberPart(input);
    if (number.isEmpty())
        return QValidator::Acceptable; // kept empty; the dialog says what is missing
    return QSpinBox::validate(input, pos);
}

void LifetimeSpinBox::fixup(QString &) const
{
    // Never rewrite what was typed.
}

int LifetimeSpinBox::valueFromText(const QString &text) const
{
    if (numberPart(text).isEmpty())
        return kEmpty;
    return QSpinBox::valueFromText(text);
}

QString LifetimeSpinBox::textFromValue(int value) const
{
    return value == kEmpty ? QString() : QSpinBox::textFromValue(value);
}

void LifetimeSpinBox::stepBy(int steps)
{
    int from = value();
    if (from == kEmpty || from < m_validMinimum)
        from = m_validMinimum - (steps > 0 ? 1 : 0);
    else if (from > m_validMaximum)
        from = m_validMaximum + (steps < 0 ? 1 : 0);
    const qint64 to = qBound(qint64(m_validMinimum), qint64(from) + steps, qint64(m_validMaximum));
    setValue(int(to));
    selectAll();
}

QAbstractSpinBox::StepEnabled LifetimeSpinBox::stepEnabled() const
{
    const int v = value();
    if (v == kEmpty)
        return StepUpEnabled | StepDownEnabled;
    StepEnabled enabled = StepNone;
    if (v < m_validMaximum)
        enabled |= StepUpEnabled;
    if (v > m_validMinimum)
        enabled |= StepDownEnabled;
    return enabled;
}

} // namespace tc
