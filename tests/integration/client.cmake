navarch_test(client_informer_test integration
             SOURCES integration/client_informer_test.cpp integration/client_fake_apiserver.cpp
             LIBS navarch_client)
