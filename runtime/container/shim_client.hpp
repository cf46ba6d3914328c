// The library side of navarch-shim, shared by both runtimes: state directories, launching a shim and reading
// what it records.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

// Validates the spec's id, creates STATE_ROOT/<id> (throws if it exists) and writes spec.json there.
std::filesystem::path prepare_state_dir(const std::filesystem::path& state_root, const container_spec& spec);

// Runs navarch-shim (argv[0] is its path) and waits until it reports the container running; returns the status.
// Throws runtime_error with the shim's reason when the container could not start.
container_status launch_shim(const std::vector<std::string>& argv, const std::filesystem::path& dir,
                             std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The recorded status; a container whose shim vanished without recording an exit is reported exited (code 255).
// nullopt when the directory holds no container.
std::optional<container_status> read_container_status(const std::filesystem::path& dir);
std::vector<container_status> list_containers(const std::filesystem::path& state_root);

// Kills the container until its shim has recorded the exit (and cleaned up); false on timeout. `kill` gets the
// current status each round: a container still being set up has no pid yet and is killed once it has one, so a
// start racing the removal (a restart during a node's shutdown) cannot outlive it.
bool kill_until_exited(const std::filesystem::path& dir, const std::function<void(const container_status&)>& kill,
                       std::chrono::milliseconds timeout);

// Removes the state directory; refuses (throws) while anything is mounted beneath it.
void delete_state_dir(const std::filesystem::path& dir);

// Mount points at or beneath `dir` in this process's mount namespace (from /proc/self/mountinfo).
std::vector<std::string> mounts_under(const std::filesystem::path& dir);

}  // namespace navarch::runtime
