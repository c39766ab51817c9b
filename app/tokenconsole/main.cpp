// tokenconsole: the Token Console window. Composes and starts; the work is in views/.

#include "credentiallistmodel.h"
#include "mainwindow.h"
#include "site.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QTableView>
#include <QTranslator>

#include <cstdio>

namespace {

// --lang CODE, else the system locale: the console's own strings and Qt's.
void installTranslations(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    // English is the source language; its file only supplies plural forms
    // ("1 day", "2 days"), and it is the fallback for languages not translated.
    if (own->load(locale, QStringLiteral("tokenconsole"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || own->load(QStringLiteral("tokenconsole_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

int screenshot(tc::MainWindow &window, const QString &file)
{
    window.resize(1280, 800);
    window.show();
    // Let the list load its first page and lay out, then select a token so the
    // details pane has something to show.
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 300)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    QTableView *table = window.tableView();
    const int rows = table->model()->rowCount();
    for (int row = 0; row < rows && row < 50; ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        if (index.data(tc::KindRole).toInt() == int(tc::CredentialKind::BulkToken)
            && index.data(tc::DisplayStatusRole).toInt() == int(tc::DisplayStatus::Blocked)) {
            table->selectRow(row);
            break;
        }
    }
    waited.restart();
    while (waited.elapsed() < 200)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!window.grab().save(file, "PNG")) {
        std::fprintf(stderr, "%s\n", qPrintable(QObject::tr("Could not write the screenshot %1.").arg(file)));
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TokenConsole"));
    QApplication::setApplicationName(QStringLiteral("tokenconsole"));
    QApplication::setApplicationDisplayName(QStringLiteral("Token Console"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("tokenconsole"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tokenconsole.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Certificates and bulk registration tokens of a management site."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption siteOption(QStringLiteral("site"),
                                        QStringLiteral("The site folder (default: $TOKENCONSOLE_SITE, "
                                                       "else the application-data folder)."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("The language, e.g. de or en (default: the system's)."),
                                        QStringLiteral("CODE"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Render the main window to a PNG file and exit."),
                                              QStringLiteral("FILE"));
    parser.addOptions({siteOption, langOption, screenshotOption});
    parser.process(app);

    installTranslations(app, parser.value(langOption));
    const bool screenshotMode = parser.isSet(screenshotOption);

    auto site = tc::openSiteForConsole(parser.value(siteOption));
    if (!site) {
        const QString message = QApplication::translate("main", "The site cannot be opened: %1").arg(site.error());
        if (screenshotMode) {
            std::fprintf(stderr, "%s\n", qPrintable(message));
        } else {
            QMessageBox box(QMessageBox::Critical, QApplication::translate("main", "Token Console"), message,
                            QMessageBox::Ok);
            box.setTextFormat(Qt::PlainText);
            box.exec();
        }
        return 1;
    }

    tc::MainWindow window(**site);
    if (screenshotMode)
        return screenshot(window, parser.value(screenshotOption));
    window.show();
    return app.exec();
}
