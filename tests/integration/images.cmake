# Reconstructed by the etcd helper after deleting this file by accident (see its report): the image store on
# hand-made OCI layouts. Check SOURCES and LIBS against what was intended.
navarch_test(images_store_tests integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/images_store_test.cpp ${CMAKE_CURRENT_LIST_DIR}/images_test_layout.cpp
  LIBS navarch_images)
