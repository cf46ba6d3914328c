navarch_test(kubelet_integration_tests integration
  SOURCES integration/kubelet_pods_test.cpp integration/fake_container_port.cpp integration/test_cluster.cpp
  LIBS navarch_bootstrap navarch_kubelet_actor)
