#pragma once

namespace navarch::cli {

// `navarch up`: the whole cluster in one process until SIGINT or SIGTERM. Returns the exit code.
int run_up(int argc, char** argv);
// `navarch cleanup --data-dir DIR`: stops and removes the containers a stopped cluster left running.
int run_cleanup(int argc, char** argv);

}  // namespace navarch::cli
