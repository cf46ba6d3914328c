navarch_test(codec_tests unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/codec_base64_test.cpp LIBS navarch_codec)
