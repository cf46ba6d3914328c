# Pod networking against the kernel: network namespaces, a bridge and veth pairs, all inside a node namespace the
# test creates (never the host's). Needs root; skips otherwise.
navarch_test(netlink_pod_network_test integration SOURCES ${CMAKE_CURRENT_LIST_DIR}/netlink_pod_network_test.cpp
  LIBS navarch_netlink Threads::Threads)
