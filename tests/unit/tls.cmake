navarch_test(tls_test unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tls_test.cpp LIBS navarch_tls navarch_codec)
