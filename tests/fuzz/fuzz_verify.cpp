// Full token verification against a real site, created at fuzzer start in a
// temporary folder (LLVMFuzzerInitialize): real keys, a real SQLite database,
// a renewed (superseded) signing certificate, an active and a blocked token.
//
// Input: one mode byte, then text in which placeholders are replaced by this
// site's values, so seeds can name them although the site is new every run:
//   $TOKEN $OLDTOKEN $BLOCKEDTOKEN  whole tokens issued by the site
//   $HDR $PAY $SIG                  the three segments of $TOKEN
//   $X5T $OLDX5T $TENANT $tenant $GUID $BLOCKED $NBF $EXP
// Mode bit 0 set: the text is the token. Clear: the text is "<header JSON>\n
// <payload JSON>", signed with the site's current key, so that the claim, time
// and database checks are reached with a good signature. The other bits choose
// the verification time around the tokens' validity period.
//
// Oracle: whatever the verifier calls valid is checked again, independently,
// with Qt's JSON parser against DESIGN.md's rules.
#include "bulktoken.h"
#include "jws.h"
#include "records.h"
#include "site.h"
#include "sitepki.h"
#include "tokenservice.h"
#include "tokenverifier.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

namespace {

constexpr qint64 kT0 = 1800000000;
constexpr qint64 kLifetimeSeconds = 3600;

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<tc::Site> site;
    std::optional<tc::TokenSigner> signer;
    std::unique_ptr<tc::TokenService> service;         // the shipped verification path
    QList<QPair<QByteArray, QByteArray>> placeholders; // longest names first
    QByteArray x5t;
    QString tenant;
    QString activeGuid;
};

Fixture *fixture = nullptr;

[[noreturn]] void die(const char *why, const QString &detail = {})
{
    fprintf(stderr, "fuzz_verify: %s %s\n", why, qPrintable(detail));
    abort();
}

template <class T>
T must(tc::Result<T> r, const char *what)
{
    if (!r)
        die(what, r.error());
    return std::move(r).value();
}

void destroyFixture()
{
    delete fixture;
    fixture = nullptr;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    fixture = new Fixture;
    Fixture &f = *fixture;
    if (!f.dir.isValid())
        die("no temporary folder");
    f.site = must(tc::Site::create(f.dir.filePath(QStringLiteral("site")), QStringLiteral("FUZ")), "site");
    tc::TokenService service(*f.site);
    const QDateTime t0 = tc::fromUnix(kT0);
    const tc::IssuedToken old = must(service.issueAt(60, t0), "old token");
    const QByteArray oldX5t
        = must(tc::SitePki(*f.site).current(tc::CredentialKind::TokenSigning), "old cert").certificate.x5t();
    must(service.renewSigningCertificate(), "renew");
    const tc::IssuedToken active = must(service.issueAt(60, t0), "token");
    const tc::IssuedToken blocked = must(service.issueAt(60, t0), "blocked token");
    if (!service.block({blocked.guid}))
        die("block");
    f.signer = must(tc::SitePki(*f.site).currentSigner(), "signer");
    f.service = std::make_unique<tc::TokenService>(*f.site);
    f.x5t = f.signer->stored.certificate.x5t();
    f.tenant = f.site->tenantId();
    f.activeGuid = active.guid;
    const QList<QByteArray> parts = active.token.split('.');
    f.placeholders = {
        {"$BLOCKEDTOKEN", blocked.token},
        {"$OLDTOKEN", old.token},
        {"$OLDX5T", oldX5t},
        {"$BLOCKED", blocked.guid.toLatin1()},
        {"$TENANT", f.tenant.toLatin1()},
        {"$tenant", f.tenant.toLower().toLatin1()},
        {"$TOKEN", active.token},
        {"$GUID", active.guid.toLatin1()},
        {"$X5T", f.x5t},
        {"$HDR", parts[0]},
        {"$PAY", parts[1]},
        {"$SIG", parts[2]},
        {"$NBF", QByteArray::number(kT0)},
        {"$EXP", QByteArray::number(kT0 + kLifetimeSeconds)},
    };
    atexit(destroyFixture);
    return 0;
}

namespace {

// DESIGN.md section 1, re-derived with Qt's parser: what a valid token must be.
void checkValidVerdict(const QByteArray &token, qint64 at)
{
    const Fixture &f = *fixture;
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        die("valid token without three segments");
    const QJsonObject header
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], QByteArray::Base64UrlEncoding)).object();
    const QJsonObject claims
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
    if (header.value(QStringLiteral("alg")).toString() != QLatin1String("RS256")
        || header.contains(QStringLiteral("crit")))
        die("valid token with another algorithm");
    if (header.value(QStringLiteral("x5t")).toString().toLatin1() != f.x5t)
        die("valid token not signed by the current signing certificate");
    if (claims.value(QStringLiteral("TenantId")).toString() != f.tenant
        || claims.value(QStringLiteral("iss")).toString() != tc::bulktoken::issuerFor(f.tenant)
        || claims.value(QStringLiteral("aud")).toString() != QLatin1String(tc::bulktoken::kAudience)
        || claims.value(QStringLiteral("Type")).toString() != QLatin1String(tc::bulktoken::kType)
        || claims.value(QStringLiteral("SCCMTokenCategory")).toString() != QLatin1String(tc::bulktoken::kCategory)
        || claims.value(QStringLiteral("Authority")).toString() != QLatin1String(tc::bulktoken::kAuthority)
        || claims.value(QStringLiteral("License")).toString() != QLatin1String(tc::bulktoken::kLicense))
        die("valid token with a foreign claim");
    const qint64 exp = claims.value(QStringLiteral("exp")).toInteger(-1);
    const qint64 nbf = claims.value(QStringLiteral("nbf")).toInteger(-1);
    if (nbf < 0 || exp <= nbf || exp - nbf > qint64(tc::kMaxLifetimeMinutes) * 60)
        die("valid token with a bad validity period");
    if (at < nbf - tc::TokenVerifier::kLeewaySeconds || at >= exp + tc::TokenVerifier::kLeewaySeconds)
        die("valid token outside its validity period");
    if (claims.value(QStringLiteral("UniqueId")).toString() != f.activeGuid)
        die("valid token whose GUID is not the one active token");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 16 * 1024)
        return 0;
    const Fixture &f = *fixture;
    const uint8_t mode = data[0];
    QByteArray text(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    if (text.contains('$')) {
        for (const auto &p : f.placeholders)
            text.replace(p.first, p.second);
    }

    QByteArray token;
    if (mode & 1) {
        token = text;
    } else {
        const qsizetype newline = text.indexOf('\n');
        if (newline < 0)
            return 0;
        auto signedToken = tc::jws::signRs256(text.first(newline), text.sliced(newline + 1), f.signer->key);
        if (!signedToken)
            die("signing failed", signedToken.error());
        token = *signedToken;
    }
    // From 20 minutes before nbf to well after exp, in one-minute steps.
    const qint64 at = kT0 - 1200 + qint64(mode >> 1) * 60;
    const tc::VerifyResult r = f.service->verify(token, tc::fromUnix(at));
    if (!r.guid.isEmpty() && tc::canonicalGuid(r.guid) != r.guid)
        die("a refusal names a GUID that is not canonical");
    if (tc::reasonCode(r.reason).isEmpty())
        die("no reason code");
    static const bool trace = qEnvironmentVariableIsSet("FUZZ_VERIFY_TRACE");
    if (trace)
        fprintf(stderr, "fuzz_verify: %s\n", qPrintable(tc::reasonCode(r.reason)));
    if (r.valid())
        checkValidVerdict(token, at);
    return 0;
}
