# Patch engines of the apiserver: JSON patch, JSON merge patch, strategic merge patch (and the kubectl bodies).
navarch_test(patch_test unit
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/patch_json_patch_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/patch_merge_patch_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/patch_smp_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/patch_kubectl_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/patch_expect.hpp
  LIBS navarch_patch navarch_kinds)
