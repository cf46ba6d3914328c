navarch_test(validation_test unit
             SOURCES unit/validation_names_test.cpp unit/validation_pod_test.cpp unit/validation_kinds_test.cpp
             LIBS navarch_kinds GTest::gmock)
