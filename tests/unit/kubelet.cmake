navarch_test(kubelet_core_tests unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/kubelet_node_objects_test.cpp ${CMAKE_CURRENT_LIST_DIR}/kubelet_pod_lifecycle_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kubelet_log_view_test.cpp ${CMAKE_CURRENT_LIST_DIR}/kubelet_probe_tracker_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kubelet_pod_inputs_test.cpp
  LIBS navarch_kubelet_core)
