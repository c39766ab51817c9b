# The engine's tests: crypto (unit), the site store and token service (unit), the CLI (cli).
tc_add_test(tst_keys LABEL unit SOURCES tst_keys.cpp LIBS tc_crypto)
tc_add_test(tst_certificate LABEL unit SOURCES tst_certificate.cpp LIBS tc_crypto)
tc_add_test(tst_jws LABEL unit SOURCES tst_jws.cpp LIBS tc_crypto)
tc_add_test(tst_strictjson LABEL unit SOURCES tst_strictjson.cpp LIBS tc_crypto)
tc_add_test(tst_sitedatabase LABEL unit SOURCES tst_sitedatabase.cpp LIBS tc_models)
tc_add_test(tst_credentialstore LABEL unit SOURCES tst_credentialstore.cpp LIBS tc_models)
tc_add_test(tst_tokenservice LABEL unit SOURCES tst_tokenservice.cpp LIBS tc_models)
