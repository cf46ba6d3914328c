# The unit-only configuration skips runtime/; the image store has no CAF, so its library is added here then.
if(NOT TARGET navarch_images)
  add_subdirectory(${PROJECT_SOURCE_DIR}/runtime/images ${PROJECT_BINARY_DIR}/runtime/images)
endif()
navarch_test(images_core_tests unit SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/images_reference_test.cpp ${CMAKE_CURRENT_LIST_DIR}/images_digest_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/images_oci_types_test.cpp ${CMAKE_CURRENT_LIST_DIR}/images_process_merge_test.cpp
  LIBS navarch_images)
