navarch_test(apiserver_integration_tests integration
  SOURCES integration/apiserver_messages_test.cpp integration/apiserver_https_test.cpp integration/apiserver_logs_test.cpp
          integration/apiserver_store_errors_test.cpp integration/apiserver_pool_test.cpp
          integration/test_cluster.cpp
  LIBS navarch_bootstrap navarch_process_support)
