navarch_test(client_object_cache_test unit SOURCES unit/client_object_cache_test.cpp LIBS navarch_client_core)
if(NOT NAVARCH_UNIT_ONLY)
  navarch_test(client_requests_test unit SOURCES unit/client_requests_test.cpp LIBS navarch_client)
endif()
