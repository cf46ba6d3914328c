// navarch-shim: the per-container supervisor process of the built-in and runc runtimes (runtime/shim/shim.hpp).
#include "runtime/shim/shim.hpp"

int main(int argc, char** argv) { return navarch::runtime::shim_main(argc, argv); }
