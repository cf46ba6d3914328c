navarch_test(store_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_mvcc_test.cpp ${CMAKE_CURRENT_LIST_DIR}/store_codec_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/store_snapshot_test.cpp
  LIBS navarch_store_core)
