#pragma once

namespace navarch::cli {

// `navarch node --config FILE`: one node of a multi-process cluster, running the roles its file names, until
// SIGINT or SIGTERM. Returns the exit code.
int run_node(int argc, char** argv);

}  // namespace navarch::cli
