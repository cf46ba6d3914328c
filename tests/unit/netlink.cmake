# Pod networking's pure parts: CIDRs, the pod IP allocator and its state file, pod interface names.
navarch_test(netlink_test unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/netlink_ipv4_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/netlink_pod_ip_allocator_test.cpp ${CMAKE_CURRENT_LIST_DIR}/netlink_pod_net_names_test.cpp
  LIBS navarch_netlink)
