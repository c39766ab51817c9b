#include "viewsresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initTokenConsoleResources()
{
    Q_INIT_RESOURCE(tokenconsole);
}

namespace tc {

void initViewsResources()
{
    static const bool done = [] {
        initTokenConsoleResources();
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace tc
