# End-to-end tests (label e2e): `navarch up` driven by the real kubectl, through the dispatcher (which runs
# kubectl 1.33 against our server) and as kubectl 1.31 and 1.27 called directly.
find_program(NAVARCH_KUBECTL kubectl)
if(TARGET navarch AND NAVARCH_KUBECTL)
  file(REAL_PATH ${NAVARCH_KUBECTL} navarch_kubectl_real)
  get_filename_component(navarch_kubectl_dir ${navarch_kubectl_real} DIRECTORY)
  set(e2e_dir ${CMAKE_CURRENT_SOURCE_DIR}/e2e)
  navarch_test(e2e_kubectl e2e
    SOURCES ${e2e_dir}/navarch_server.cpp ${e2e_dir}/kubectl_runner.cpp ${e2e_dir}/kubectl_fixture.cpp
            ${e2e_dir}/kubectl_read_test.cpp ${e2e_dir}/kubectl_write_test.cpp ${e2e_dir}/kubectl_watch_test.cpp
            ${e2e_dir}/kubectl_error_test.cpp ${e2e_dir}/kubectl_pods_test.cpp ${e2e_dir}/kubectl_exec_test.cpp
            ${e2e_dir}/kubectl_rootless_test.cpp ${e2e_dir}/kubectl_fields_test.cpp ${e2e_dir}/kubectl_generators_test.cpp ${e2e_dir}/kubectl_kinds_test.cpp
            ${e2e_dir}/navarch_up_test.cpp
    LIBS Boost::json navarch_codec navarch_process_support)
  target_compile_definitions(e2e_kubectl PRIVATE
    NAVARCH_BINARY="$<TARGET_FILE:navarch>"
    NAVARCH_KUBECTL_DISPATCHER="${NAVARCH_KUBECTL}"
    NAVARCH_KUBECTL_1_27="${navarch_kubectl_dir}/kubectl.1.27"
    NAVARCH_KUBECTL_1_31="${navarch_kubectl_dir}/kubectl.1.31"
    NAVARCH_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")
  add_dependencies(e2e_kubectl navarch)
elseif(NOT NAVARCH_KUBECTL)
  message(STATUS "kubectl not found: the e2e tests are not built")
endif()

# The same kubectl suite on a real etcd (label e2e-etcd): the harness starts Debian's etcd for each `navarch up`
# and passes --datastore-endpoint (tests/e2e/etcd_server.hpp).
find_program(NAVARCH_ETCD etcd)
if(TARGET e2e_kubectl AND NAVARCH_ETCD)
  gtest_discover_tests(e2e_kubectl NO_PRETTY_VALUES TEST_PREFIX "etcd." DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS e2e-etcd ENVIRONMENT NAVARCH_E2E_DATASTORE=etcd)
elseif(TARGET e2e_kubectl)
  message(STATUS "etcd not found: the kubectl suite runs on the built-in store only")
endif()

# Pod networking with the real kubectl (label e2e, as root): each test runs `navarch up` with its pod network
# inside a network namespace of its own, so the host's interfaces and sysctls stay untouched. Registered by hand
# for the "podnet." prefix, so `ctest -R podnet` picks these tests.
if(TARGET e2e_kubectl)
  add_executable(e2e_podnet ${e2e_dir}/navarch_server.cpp ${e2e_dir}/kubectl_runner.cpp
                 ${e2e_dir}/kubectl_fixture.cpp ${e2e_dir}/kubectl_podnet_test.cpp)
  target_link_libraries(e2e_podnet PRIVATE Boost::json navarch_netlink navarch_process_support GTest::gtest
                        GTest::gtest_main navarch_warnings)
  target_include_directories(e2e_podnet PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_definitions(e2e_podnet PRIVATE
    NAVARCH_BINARY="$<TARGET_FILE:navarch>"
    NAVARCH_KUBECTL_DISPATCHER="${NAVARCH_KUBECTL}"
    NAVARCH_KUBECTL_1_27="${navarch_kubectl_dir}/kubectl.1.27"
    NAVARCH_KUBECTL_1_31="${navarch_kubectl_dir}/kubectl.1.31"
    NAVARCH_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/examples")
  add_dependencies(e2e_podnet navarch navarch-shim)
  gtest_discover_tests(e2e_podnet NO_PRETTY_VALUES TEST_PREFIX "podnet." DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS e2e)
endif()
