// tokenconsole-device: a device of the site, as `ccmsetup /regtoken:` and the
// client's monthly renewal would drive the management point.
#include "devicestate.h"
#include "httpsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>
#include <QUrl>

#include <cstdio>

namespace {

enum Exit { Ok = 0, Refused = 1, Usage = 2, Unreachable = 3 };

bool g_json = false;

void print(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
}

int fail(const QString &sentence, int code)
{
    if (g_json && code != Usage)
        print(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                       code == Unreachable ? QStringLiteral("unreachable") : QStringLiteral("failed")},
                                      {QStringLiteral("message"), sentence}})
                .toJson(QJsonDocument::Compact)));
    std::fprintf(stderr, "tokenconsole-device: %s\n", qPrintable(sentence));
    return code;
}

struct Call
{
    int status = 0;
    QJsonObject body;
};

// One request to the management point; a refusal is printed as one sentence
// naming its code, and the exit code returned in *exit.
bool call(tc::device::DeviceState &state, const QString &method, const QString &path, const QByteArray &body,
          const QByteArray &bearer, Call *out, int *exit)
{
    const QUrl url(state.managementPoint);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        *exit = fail(
            QStringLiteral("The management point URL \"%1\" is not https://HOST:PORT.").arg(state.managementPoint),
            Usage);
        return false;
    }
    QFile ca(state.caFile);
    if (!ca.open(QIODevice::ReadOnly)) {
        *exit = fail(QStringLiteral("The root certificate %1 cannot be read.").arg(state.caFile), Usage);
        return false;
    }
    QFile certificate(QDir(state.folder()).filePath(QStringLiteral("device.pem")));
    certificate.open(QIODevice::ReadOnly);
    tc::http::ClientConfig config;
    config.host = url.host().toStdString();
    config.port = std::to_string(url.port(443));
    config.caPem = ca.readAll().toStdString();
    config.certificatePem = certificate.readAll().toStdString();
    config.privateKeyFile = state.keyFile().toStdString();
    tc::http::Client client(config);
    tc::http::ClientResponse response;
    std::string error;
    if (!client.request(method.toStdString(), path.toStdString(), body.toStdString(), bearer.toStdString(), &response,
                        &error)) {
        *exit = fail(QString::fromStdString(error), Unreachable);
        return false;
    }
    out->status = response.status;
    out->body = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
    if (response.status >= 400) {
        const QString code = out->body.value(QLatin1String("error")).toString();
        QString message = out->body.value(QLatin1String("message")).toString();
        // A refusal for now (503, 429) says when to ask again: passed on to the caller.
        if (response.retryAfterSeconds > 0) {
            out->body.insert(QStringLiteral("retryAfterSeconds"), response.retryAfterSeconds);
            message += QStringLiteral(" Try again in %1 s.").arg(response.retryAfterSeconds);
        }
        if (g_json)
            print(QString::fromUtf8(QJsonDocument(out->body).toJson(QJsonDocument::Compact)));
        std::fprintf(stderr, "tokenconsole-device: the management point refused (%s): %s\n",
                     qPrintable(code.isEmpty() ? QString::number(response.status) : code), qPrintable(message));
        *exit = Refused;
        return false;
    }
    return true;
}

// Keeps a token answer: the token in its file, the rest in state.json.
int keep(tc::device::DeviceState &state, const QJsonObject &answer, const char *what)
{
    const QByteArray token = answer.value(QLatin1String("clientToken")).toString().toLatin1();
    if (token.isEmpty())
        return fail(QStringLiteral("The management point's answer has no client token."), Refused);
    state.deviceId = answer.value(QLatin1String("deviceId")).toString();
    state.status = QStringLiteral("registered");
    state.notBefore = QDateTime::fromString(answer.value(QLatin1String("notBefore")).toString(), Qt::ISODate);
    state.notAfter = QDateTime::fromString(answer.value(QLatin1String("notAfter")).toString(), Qt::ISODate);
    state.renewAfter = QDateTime::fromString(answer.value(QLatin1String("renewAfter")).toString(), Qt::ISODate);
    if (auto done = state.saveToken(token); !done)
        return fail(done.error(), Refused);
    if (auto done = state.save(); !done)
        return fail(done.error(), Refused);
    QJsonObject shown = answer;
    shown.remove(QStringLiteral("clientToken")); // kept in the state folder, never printed
    shown[QStringLiteral("status")] = state.status;
    if (g_json)
        print(QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Compact)));
    else
        print(QStringLiteral("%1 device %2; its client token is valid until %3, renewable from %4.")
                  .arg(QLatin1String(what), state.deviceId, state.notAfter.toString(Qt::ISODate),
                       state.renewAfter.toString(Qt::ISODate)));
    return Ok;
}

int pending(tc::device::DeviceState &state, const QJsonObject &answer)
{
    state.deviceId = answer.value(QLatin1String("deviceId")).toString();
    state.status = QStringLiteral("pending-approval");
    if (auto done = state.save(); !done)
        return fail(done.error(), Refused);
    if (g_json)
        print(QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact)));
    else
        print(QStringLiteral("Device %1 waits for an administrator's approval "
                             "(bulkregtoken approve %1); run register again to ask.")
                  .arg(state.deviceId));
    return Ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenconsole-device"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A device of the site: registers with the management point and keeps its key, certificate and client token "
        "in its state folder.\n\n"
        "Commands:\n"
        "  register --mp URL --ca ROOT.pem [--regtoken TOKEN|-] [--name NAME] [--wait SECONDS]\n"
        "                 Register (through the internet listener with a bulk token, or on the internal\n"
        "                 network without one). A pending device asks again with `register`.\n"
        "  whoami         Present the client token, as the gateway checks on every request.\n"
        "  renew          Renew the client token (from 30 days after it was issued).\n"
        "  status         Show what the device keeps (no network).\n\n"
        "Examples:\n"
        "  tokenconsole-device --state dev1 register --mp https://localhost:8443 --ca root.pem --regtoken - < "
        "token.txt\n"
        "  tokenconsole-device --state dev1 whoami --json"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption stateOption(QStringLiteral("state"),
                                         QStringLiteral("The device's state folder (default: the application data "
                                                        "folder)."),
                                         QStringLiteral("DIR"));
    const QCommandLineOption mpOption(QStringLiteral("mp"), QStringLiteral("The management point, https://HOST:PORT."),
                                      QStringLiteral("URL"));
    const QCommandLineOption caOption(QStringLiteral("ca"), QStringLiteral("The site's root certificate (PEM)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption tokenOption(QStringLiteral("regtoken"),
                                         QStringLiteral("A bulk registration token, or - to read it from standard "
                                                        "input."),
                                         QStringLiteral("TOKEN|-"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        QStringLiteral("The device name (default: this machine's name)."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption waitOption(QStringLiteral("wait"),
                                        QStringLiteral("While pending approval, ask again every second for up to "
                                                       "SECONDS."),
                                        QStringLiteral("SECONDS"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({stateOption, mpOption, caOption, tokenOption, nameOption, waitOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("register, whoami, renew or status"));
    parser.process(app);
    g_json = parser.isSet(jsonOption);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("give one command: register, whoami, renew or status; see --help."), Usage);
    const QString command = args.first();
    if (!QStringList{QStringLiteral("register"), QStringLiteral("whoami"), QStringLiteral("renew"),
                     QStringLiteral("status")}
             .contains(command))
        return fail(QStringLiteral("unknown command \"%1\"; see --help.").arg(command), Usage);

    QString folder = parser.value(stateOption);
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString name = parser.isSet(nameOption) ? parser.value(nameOption) : QString();
    if (parser.isSet(nameOption) && name.trimmed().isEmpty())
        return fail(QStringLiteral("--name is empty."), Usage);
    auto opened = tc::device::DeviceState::openOrCreate(folder, name);
    if (!opened)
        return fail(opened.error(), Refused);
    tc::device::DeviceState &state = *opened;
    if (parser.isSet(mpOption))
        state.managementPoint = parser.value(mpOption);
    if (parser.isSet(caOption))
        state.caFile = QFileInfo(parser.value(caOption)).absoluteFilePath();

    if (command == QLatin1String("status")) {
        const QJsonObject o{
            {QStringLiteral("deviceId"), state.deviceId},
            {QStringLiteral("status"), state.status.isEmpty() ? QStringLiteral("unregistered") : state.status},
            {QStringLiteral("managementPoint"), state.managementPoint},
            {QStringLiteral("certificateThumbprint"), QString::fromLatin1(state.certificate().x5tS256())},
            {QStringLiteral("notAfter"), state.notAfter.toString(Qt::ISODate)},
            {QStringLiteral("renewAfter"), state.renewAfter.toString(Qt::ISODate)},
            {QStringLiteral("hasToken"), state.hasToken()}};
        if (g_json)
            print(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        else
            for (auto it = o.begin(); it != o.end(); ++it)
                print(QStringLiteral("%1: %2").arg(it.key(), it.value().toVariant().toString()));
        return Ok;
    }
    if (state.managementPoint.isEmpty() || state.caFile.isEmpty())
        return fail(QStringLiteral("give --mp URL and --ca ROOT.pem (they are kept after the first registration)."),
                    Usage);

    int exit = Ok;
    Call result;
    if (command == QLatin1String("register")) {
        QByteArray token;
        if (parser.isSet(tokenOption)) {
            token = parser.value(tokenOption).toUtf8();
            if (token == "-")
                token = QTextStream(stdin).readAll().trimmed().toUtf8();
            if (token.isEmpty())
                return fail(QStringLiteral("--regtoken was given no token."), Usage);
        }
        int waitSeconds = 0;
        if (parser.isSet(waitOption)) {
            bool ok = false;
            waitSeconds = parser.value(waitOption).toInt(&ok);
            if (!ok || waitSeconds < 0 || waitSeconds > 86400)
                return fail(QStringLiteral("--wait takes a number of seconds from 0 to 86400."), Usage);
        }
        bool asksAgain
            = token.isEmpty() && state.status == QLatin1String("pending-approval") && !state.deviceId.isEmpty();
        for (int waited = 0;; ++waited) {
            bool answered;
            if (asksAgain) {
                answered = call(state, QStringLiteral("GET"), QStringLiteral("/v1/registrations/") + state.deviceId, {},
                                {}, &result, &exit);
            } else {
                QJsonObject body{
                    {QStringLiteral("deviceName"), name.isEmpty() ? state.certificate().commonName() : name}};
                if (!token.isEmpty())
                    body[QStringLiteral("bulkToken")] = QString::fromUtf8(token);
                answered = call(state, QStringLiteral("POST"), QStringLiteral("/v1/registrations"),
                                QJsonDocument(body).toJson(QJsonDocument::Compact), {}, &result, &exit);
            }
            if (!answered)
                return exit;
            if (result.status != 202)
                return keep(state, result.body, "Registered");
            if (waited >= waitSeconds)
                return pending(state, result.body);
            QThread::sleep(1);
            if (!asksAgain) { // from now on, ask by device id
                state.deviceId = result.body.value(QLatin1String("deviceId")).toString();
                state.status = QStringLiteral("pending-approval");
                (void)state.save();
                asksAgain = true;
            }
        }
    }
    auto token = state.token();
    if (!token)
        return fail(token.error(), Usage);
    if (command == QLatin1String("whoami")) {
        if (!call(state, QStringLiteral("GET"), QStringLiteral("/v1/whoami"), {}, *token, &result, &exit))
            return exit;
        (void)state.save();
        if (g_json)
            print(QString::fromUtf8(QJsonDocument(result.body).toJson(QJsonDocument::Compact)));
        else
            print(QStringLiteral("Device %1 (%2); client token valid until %3, renewable from %4.")
                      .arg(result.body.value(QLatin1String("deviceId")).toString(),
                           result.body.value(QLatin1String("deviceName")).toString(),
                           result.body.value(QLatin1String("notAfter")).toString(),
                           result.body.value(QLatin1String("renewAfter")).toString()));
        return Ok;
    }
    if (!call(state, QStringLiteral("POST"), QStringLiteral("/v1/renewals"), "{}", *token, &result, &exit))
        return exit;
    return keep(state, result.body, "Renewed the client token of");
}
