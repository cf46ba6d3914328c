navarch_test(table_test unit SOURCES unit/table_age_test.cpp unit/table_cells_test.cpp unit/table_shape_test.cpp
             LIBS navarch_kinds)
