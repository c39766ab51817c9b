#pragma once

// A real temporary site for the console's tests: real keys, a real SQLite
// file, tokens issued by the real TokenService (some expired, some blocked).

#include "records.h"
#include "site.h"
#include "tokenservice.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

struct GuiTestSite
{
    QTemporaryDir dir;
    std::unique_ptr<tc::Site> site;
    QList<tc::IssuedToken> active;  // active tokens, newest last
    QList<tc::IssuedToken> expired;
    QList<tc::IssuedToken> blocked;

    QString folder() const { return dir.filePath(QStringLiteral("site")); }

    // activeCount fresh tokens with varied lifetimes, expiredCount issued in the
    // past, blockedCount of the active ones blocked.
    bool populate(int activeCount = 6, int expiredCount = 2, int blockedCount = 1)
    {
        auto created = tc::Site::create(folder(), QStringLiteral("TST"));
        if (!created) {
            qWarning("%s", qPrintable(created.error()));
            return false;
        }
        site = std::move(created).value();
        tc::TokenService service(*site);
        const QDateTime now = tc::fromUnix(QDateTime::currentSecsSinceEpoch());
        for (int i = 0; i < expiredCount; ++i) {
            auto t = service.issueAt(60 + i, now.addDays(-3 - i));
            if (!t)
                return false;
            expired << *t;
        }
        for (int i = 0; i < activeCount; ++i) {
            auto t = service.issueAt(600 + 997 * i, now.addSecs(-60 * (activeCount - i)));
            if (!t)
                return false;
            active << *t;
        }
        for (int i = 0; i < blockedCount && !active.isEmpty(); ++i) {
            const tc::IssuedToken t = active.takeFirst();
            if (!service.block({t.guid}, QStringLiteral("Lost <b>laptop</b> & charger")))
                return false;
            blocked << t;
        }
        return true;
    }

    qint64 idOf(const QString &guid) const
    {
        auto found = site->store().findToken(guid);
        return found && found->has_value() ? (*found)->id : -1;
    }
};

// Window settings of the tests go to a temporary folder, never the user's.
inline void useTemporarySettings(const QString &folder)
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder);
    QCoreApplication::setOrganizationName(QStringLiteral("TokenConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst"));
}
