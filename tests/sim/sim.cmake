# The deterministic simulation of the replicated store (label `sim`): seeded runs of replicas, clients, network
# and disk faults, checked for linearizability and watch guarantees. NAVARCH_SIM_SEEDS=N runs N seeds,
# NAVARCH_SIM_LONG=1 runs 100,000, NAVARCH_SIM_SEED=S replays one seed and prints its history.
add_library(navarch_sim STATIC
  ${CMAKE_CURRENT_LIST_DIR}/network.cpp ${CMAKE_CURRENT_LIST_DIR}/disk.cpp ${CMAKE_CURRENT_LIST_DIR}/replica.cpp
  ${CMAKE_CURRENT_LIST_DIR}/client.cpp ${CMAKE_CURRENT_LIST_DIR}/cluster.cpp
  ${CMAKE_CURRENT_LIST_DIR}/linearizability.cpp ${CMAKE_CURRENT_LIST_DIR}/watch_validator.cpp)
target_include_directories(navarch_sim PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(navarch_sim PUBLIC navarch_replica_core PRIVATE navarch_warnings)
navarch_test(raft_sim_tests sim
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/sim_test.cpp ${CMAKE_CURRENT_LIST_DIR}/checker_test.cpp
  LIBS navarch_sim)
