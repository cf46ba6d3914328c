# scratch_dir.cpp (no dependencies) gives the record-log tests a temporary directory in every configuration.
navarch_test(store_unit_tests unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_mvcc_test.cpp ${CMAKE_CURRENT_LIST_DIR}/store_codec_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/store_snapshot_test.cpp ${CMAKE_CURRENT_LIST_DIR}/store_record_log_test.cpp
          ${PROJECT_SOURCE_DIR}/tests/e2e/scratch_dir.cpp
  LIBS navarch_store_core)
