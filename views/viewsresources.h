#pragma once

namespace tc {

// Registers the icons compiled into the static views library. Call once
// before any window is made (the library is static, so Qt cannot do it).
void initViewsResources();

} // namespace tc
