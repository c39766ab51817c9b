// The German translation is complete: every message translated and finished,
// none missing and none left over from strings that no longer exist.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString translationType; // "", "unfinished", "vanished", "obsolete"
    QStringList translations;
    bool numerus = false;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage msg;
            msg.context = context;
            msg.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            msg.translationType = QStringLiteral("missing");
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("source")) {
                    msg.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    msg.translationType = xml.attributes().value(QLatin1String("type")).toString();
                    if (msg.numerus) {
                        while (xml.readNextStartElement()) {
                            if (xml.name() == QLatin1String("numerusform"))
                                msg.translations << xml.readElementText();
                            else
                                xml.skipCurrentElement();
                        }
                    } else {
                        msg.translations << xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << msg;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> keys(const QList<TsMessage> &messages)
{
    QSet<QString> set;
    for (const TsMessage &m : messages)
        set.insert(m.context + QLatin1String(" | ") + m.source);
    return set;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void germanIsComplete();
    void germanMatchesTheSources();
};

void TestTranslations::germanIsComplete()
{
    QString error;
    const QList<TsMessage> messages = readTs(QStringLiteral(TC_SOURCE_DIR "/translations/tokenconsole_de.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100);
    QStringList problems;
    for (const TsMessage &m : messages) {
        const QString where = m.context + QLatin1String(": ") + m.source;
        if (!m.translationType.isEmpty())
            problems << QStringLiteral("%1 [%2]").arg(where, m.translationType);
        else if (m.translations.isEmpty()
                 || std::any_of(m.translations.begin(), m.translations.end(),
                                [](const QString &t) { return t.trimmed().isEmpty(); }))
            problems << QStringLiteral("%1 [empty]").arg(where);
        else if (m.numerus && m.translations.size() != 2) // German: singular and plural
            problems << QStringLiteral("%1 [%2 plural forms]").arg(where).arg(m.translations.size());
        // Placeholders must survive translation.
        for (const QString &t : m.translations) {
            for (const QString &marker : {QStringLiteral("%1"), QStringLiteral("%2"), QStringLiteral("%3")}) {
                if (m.source.contains(marker) != t.contains(marker))
                    problems << QStringLiteral("%1 [placeholder %2]").arg(where, marker);
            }
            if (m.numerus && !t.contains(QLatin1String("%n")) && !t.contains(QLatin1String("%Ln")))
                problems << QStringLiteral("%1 [no %n]").arg(where);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::germanMatchesTheSources()
{
    const QString lupdate = QStringLiteral(TC_LUPDATE);
    if (!QFileInfo(lupdate).isExecutable())
        QSKIP("lupdate is not installed; the completeness test above still runs.");
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("fresh_de.ts"));
    const QString src = QStringLiteral(TC_SOURCE_DIR);
    QProcess run;
    run.start(lupdate,
              {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
               QStringLiteral("none"), src + QLatin1String("/views"), src + QLatin1String("/models"),
               src + QLatin1String("/app/tokenconsole/main.cpp"), QStringLiteral("-ts"), fresh});
    QVERIFY(run.waitForFinished(60000));
    QCOMPARE(run.exitCode(), 0);
    QString error;
    const QSet<QString> now = keys(readTs(fresh, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QSet<QString> translated
        = keys(readTs(QStringLiteral(TC_SOURCE_DIR "/translations/tokenconsole_de.ts"), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList missing = (now - translated).values();
    QStringList vanished = (translated - now).values();
    missing.sort();
    vanished.sort();
    QVERIFY2(missing.isEmpty(),
             qPrintable(QLatin1String("Not in tokenconsole_de.ts (run the update_translations target):\n")
                        + missing.join(QLatin1Char('\n'))));
    QVERIFY2(vanished.isEmpty(),
             qPrintable(QLatin1String("In tokenconsole_de.ts but no longer in the sources:\n")
                        + vanished.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
