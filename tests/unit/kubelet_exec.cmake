# The kubelet's exec pump on real local processes (sh, cat): no container, no root. exec_pump.cpp lives in the
# kubelet actor library (CAF), so it is compiled in directly.
navarch_test(kubelet_exec_pump_tests unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/kubelet_exec_pump_test.cpp
  ${PROJECT_SOURCE_DIR}/actors/kubelet/actor/exec_pump.cpp
  LIBS Boost::json Threads::Threads)
