// SIGINT and SIGTERM stop the foreground commands: they are blocked before any thread starts (so no thread takes
// them) and then awaited with sigwait.
#pragma once

#include <signal.h>

namespace navarch::cli {

// Blocks SIGINT and SIGTERM in the calling thread (and so in every thread it starts later); returns the set.
sigset_t block_stop_signals();
// Waits for one of them; returns its name.
const char* await_stop_signal(const sigset_t& signals);

}  // namespace navarch::cli
