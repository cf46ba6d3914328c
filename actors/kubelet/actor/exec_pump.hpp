// The byte mover of one kubectl exec: the command's stdout and stderr to a callback, queued input to its stdin.
// Blocking (poll), so it runs on a thread of its own; no CAF.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>

#include "actors/kubelet/core/container_port.hpp"

namespace navarch::kubelet {

class exec_pump {
 public:
  using output_fn = std::function<void(int stream, std::string data)>;  // stream 1 stdout, 2 stderr

  exec_pump();
  ~exec_pump();
  exec_pump(const exec_pump&) = delete;
  exec_pump& operator=(const exec_pump&) = delete;

  // From any thread, before or during run(): bytes for stdin (`close`: EOF after them), or the end (the command
  // is killed; run() then returns its outcome).
  void feed(std::string data, bool close);
  void cancel();

  // Owns `pipes` from now on: moves bytes until the command has ended and its output is drained, then closes
  // every descriptor and returns finish()'s outcome. Output is given to `out` in order, as it comes.
  exec_outcome run(exec_pipes pipes, const output_fn& out);

 private:
  bool take_input(std::string& into, bool& close, bool& cancelled);

  int wake_fd_ = -1;  // an eventfd: feed() and cancel() wake the poll
  std::mutex mutex_;
  std::deque<std::string> input_;
  bool close_input_ = false;
  bool cancelled_ = false;
};

}  // namespace navarch::kubelet
