navarch_test(api_core_tests unit
  SOURCES unit/api_route_test.cpp unit/api_writes_test.cpp unit/api_watch_hub_test.cpp unit/api_discovery_test.cpp unit/api_request_timeout_test.cpp unit/api_filter_test.cpp
  LIBS navarch_api_core)
