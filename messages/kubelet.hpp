// The kubelet protocol: what the apiserver asks of the kubelet that runs a pod (logs now; exec later).
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace navarch::msg
