# The image store on hand-made OCI layouts: import, verification, unpacking, whiteouts (root for overlay).
navarch_test(images_store_tests integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/images_store_test.cpp ${CMAKE_CURRENT_LIST_DIR}/images_test_layout.cpp
  LIBS navarch_images)
