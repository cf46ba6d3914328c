// The kubelet protocol: what the apiserver asks of the kubelet that runs a pod (logs, exec).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/meta/type_name.hpp>

namespace navarch::msg {

// A kubelet announcing itself to the apiserver, so requests for its node's pods reach it.
struct node_agent {
  std::string node;
  caf::actor kubelet;
};

// GET pods/<name>/log, with kubectl's options. tail_lines < 0 means all.
struct log_request {
  std::string ns;
  std::string pod;
  std::string container;
  bool follow = false;
  bool previous = false;
  bool timestamps = false;
  int64_t tail_lines = -1;
  int64_t since_seconds = 0;
  int64_t limit_bytes = 0;
};

// Log bytes for a follower; `end` closes the stream.
struct log_chunk {
  int64_t stream_id = 0;
  std::string data;
  bool end = false;
};

// kubectl exec: run `command` in a container of a pod of this node. Asked together with the client actor; the
// reply (200, or an error Status) comes first, then the client gets exec_started, exec_output* and one exec_exit.
struct exec_request {
  std::string ns;
  std::string pod;
  std::string container;
  std::vector<std::string> command;
  bool with_stdin = false;
  bool with_stdout = true;
  bool with_stderr = true;
  bool tty = false;  // accepted; the command still gets pipes, not a terminal
};

// The exec session: the client sends its exec_input there. Terminating the client ends the command.
struct exec_started {
  caf::actor session;
};

// Output of the command: stream 1 is stdout, 2 stderr.
struct exec_output {
  int stream = 1;
  std::string data;
};

// Bytes for the command's stdin; `close` ends its stdin after them.
struct exec_input {
  std::string data;
  bool close = false;
};

// The command ended with exit_code, or could not run (`error` set, exit_code -1).
struct exec_exit {
  int exit_code = 0;
  std::string error;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_agent& x) {
  return f(caf::meta::type_name("node_agent"), x.node, x.kubelet);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, log_request& x) {
  return f(caf::meta::type_name("log_request"), x.ns, x.pod, x.container, x.follow, x.previous, x.timestamps,
           x.tail_lines, x.since_seconds, x.limit_bytes);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, log_chunk& x) {
  return f(caf::meta::type_name("log_chunk"), x.stream_id, x.data, x.end);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, exec_request& x) {
  return f(caf::meta::type_name("exec_request"), x.ns, x.pod, x.container, x.command, x.with_stdin, x.with_stdout,
           x.with_stderr, x.tty);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, exec_started& x) {
  return f(caf::meta::type_name("exec_started"), x.session);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, exec_output& x) {
  return f(caf::meta::type_name("exec_output"), x.stream, x.data);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, exec_input& x) {
  return f(caf::meta::type_name("exec_input"), x.data, x.close);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, exec_exit& x) {
  return f(caf::meta::type_name("exec_exit"), x.exit_code, x.error);
}

}  // namespace navarch::msg
