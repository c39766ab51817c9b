# The console (views/, app/tokenconsole.cpp): offscreen GUI tests on real sites.
if(TARGET tc_views)
    tc_add_test(tst_mainwindow LABEL gui SOURCES tst_mainwindow.cpp guitestsite.h LIBS tc_views TIMEOUT 240)
    # The German window is checked with the real translation, built with tokenconsole.
    target_compile_definitions(tst_mainwindow PRIVATE TC_QM_DIR="${PROJECT_BINARY_DIR}/app")
    add_dependencies(tst_mainwindow tokenconsole)
    tc_add_test(tst_createtokendialog LABEL gui SOURCES tst_createtokendialog.cpp guitestsite.h LIBS tc_views)
    tc_add_test(tst_auditlogmodel LABEL gui SOURCES tst_auditlogmodel.cpp guitestsite.h LIBS tc_views)
    target_compile_definitions(tst_auditlogmodel PRIVATE TC_QM_DIR="${PROJECT_BINARY_DIR}/app")
    add_dependencies(tst_auditlogmodel tokenconsole)
    if(TARGET tokenconsole)
        tc_add_test(tst_tokenconsole LABEL gui SOURCES tst_tokenconsole.cpp guitestsite.h LIBS tc_views TIMEOUT 240)
        target_compile_definitions(tst_tokenconsole PRIVATE TC_TOKENCONSOLE="$<TARGET_FILE:tokenconsole>")
        add_dependencies(tst_tokenconsole tokenconsole)
    endif()
endif()

# The German translation is complete and matches the sources (lupdate-fresh).
tc_add_test(tst_translations LABEL gui SOURCES tst_translations.cpp LIBS Qt6::Core)
target_compile_definitions(tst_translations PRIVATE
    TC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    TC_LUPDATE="$<TARGET_FILE:Qt6::lupdate>")
