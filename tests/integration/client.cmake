navarch_test(client_informer_test integration
             SOURCES integration/client_informer_test.cpp integration/client_fake_apiserver.cpp
                     integration/client_test_owner.cpp
             LIBS navarch_client)
if(TARGET navarch_bootstrap)
  navarch_test(client_real_apiserver_test integration
               SOURCES integration/client_real_apiserver_test.cpp integration/client_test_owner.cpp
                       integration/test_cluster.cpp
               LIBS navarch_client navarch_bootstrap)
endif()
