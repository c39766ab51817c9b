# The console's translations: lupdate scans the views, the GUI's main and the
# models (record type/status names, audit actions, verification reasons, the
# list's headers). The English file holds plural forms only.
file(GLOB_RECURSE TC_TRANSLATED_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/views/*.cpp ${PROJECT_SOURCE_DIR}/views/*.h
    ${PROJECT_SOURCE_DIR}/models/*.cpp ${PROJECT_SOURCE_DIR}/models/*.h)
qt_add_translations(tokenconsole
    TS_FILES ${PROJECT_SOURCE_DIR}/translations/tokenconsole_de.ts
             ${PROJECT_SOURCE_DIR}/translations/tokenconsole_en.ts
    SOURCES ${TC_TRANSLATED_SOURCES} ${PROJECT_SOURCE_DIR}/app/tokenconsole/main.cpp
    LUPDATE_OPTIONS -no-obsolete -locations none
)
