#include "openssl_ptr.h"

#include <QStringList>

#include <openssl/err.h>

namespace tc::ossl {

QString errorText(const QString &what)
{
    QStringList reasons;
    while (unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        reasons << QString::fromLatin1(buffer);
    }
    if (reasons.isEmpty())
        return what + QStringLiteral(" (OpenSSL gave no reason).");
    return what + QStringLiteral(": ") + reasons.join(QStringLiteral("; ")) + QLatin1Char('.');
}

Error error(const QString &what)
{
    return Error{errorText(what), ErrorKind::Crypto};
}

BioPtr readBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, size) : QByteArray();
}

} // namespace tc::ossl
