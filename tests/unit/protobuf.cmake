navarch_test(protobuf_tests unit SOURCES unit/protobuf_decode_test.cpp LIBS navarch_protobuf Boost::json)
