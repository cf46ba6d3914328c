navarch_test(selectors_test unit SOURCES unit/selectors_label_test.cpp unit/selectors_field_test.cpp
             LIBS navarch_kinds)
