# The Certificates list model (models/credentiallistmodel.*): real site, real SQLite.
tc_add_test(tst_credentiallistmodel LABEL unit SOURCES tst_credentiallistmodel.cpp LIBS tc_models TIMEOUT 120)
