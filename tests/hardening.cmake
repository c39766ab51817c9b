# Hardening (issue 5). Each engineer keeps to their own lines.

# tokens: hostile tokens against a real site's verifier; secrets never stored or printed.
tc_add_test(tst_hostiletokens LABEL unit SOURCES tst_hostiletokens.cpp LIBS tc_models)
tc_add_test(tst_secrets LABEL cli SOURCES tst_secrets.cpp LIBS tc_models)
add_dependencies(tst_secrets bulkregtoken)

# storage: crash safety, concurrent admins, broken sites, input at the edges (real processes and files).
tc_add_test(tst_brokensite LABEL cli SOURCES tst_brokensite.cpp sitefixture.h LIBS tc_models TIMEOUT 300)
add_dependencies(tst_brokensite bulkregtoken)
tc_add_test(tst_crashsafety LABEL slow SOURCES tst_crashsafety.cpp sitefixture.h LIBS tc_models TIMEOUT 600)
add_dependencies(tst_crashsafety bulkregtoken)
tc_add_test(tst_edgeinputs LABEL cli SOURCES tst_edgeinputs.cpp sitefixture.h LIBS tc_models TIMEOUT 300)
add_dependencies(tst_edgeinputs bulkregtoken)
tc_add_test(tst_concurrentadmins LABEL slow SOURCES tst_concurrentadmins.cpp sitefixture.h LIBS tc_models TIMEOUT 600)
add_dependencies(tst_concurrentadmins bulkregtoken)
if(TARGET tokenconsole)
    target_compile_definitions(tst_brokensite PRIVATE TC_TOKENCONSOLE="$<TARGET_FILE:tokenconsole>")
    add_dependencies(tst_brokensite tokenconsole)
endif()
