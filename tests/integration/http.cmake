# The HTTP(S) front against curl and a blocking Beast client; TLS certificates come from navarch_tls.
navarch_test(http_test integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_test.cpp
  LIBS navarch_http navarch_tls Boost::headers Threads::Threads)
