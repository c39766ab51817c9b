# The Certificates list model (models/credentiallistmodel.*): real site, real SQLite.
tc_add_test(tst_credentiallistmodel LABEL unit SOURCES tst_credentiallistmodel.cpp LIBS tc_models TIMEOUT 120)
# The list's in-memory search index (models/searchindex.*), against a scan of the same rows.
tc_add_test(tst_searchindex LABEL unit SOURCES tst_searchindex.cpp LIBS tc_models)
