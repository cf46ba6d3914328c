// The small value types the scheduler's pod and node views share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/selectors/label_selector.hpp"

namespace navarch::scheduler {

// The two resources the scheduler accounts for; pods are counted apart.
struct resources {
  int64_t milli_cpu = 0;
  int64_t memory = 0;  // bytes

  resources& operator+=(const resources& o) {
    milli_cpu += o.milli_cpu;
    memory += o.memory;
    return *this;
  }
  resources& operator-=(const resources& o) {
    milli_cpu -= o.milli_cpu;
    memory -= o.memory;
    return *this;
  }
  bool operator==(const resources&) const = default;
};

enum class taint_effect : uint8_t { no_schedule, prefer_no_schedule, no_execute };

inline std::optional<taint_effect> parse_taint_effect(std::string_view e) {
  if (e == "NoSchedule") return taint_effect::no_schedule;
  if (e == "PreferNoSchedule") return taint_effect::prefer_no_schedule;
  if (e == "NoExecute") return taint_effect::no_execute;
  return std::nullopt;
}

struct taint {
  std::string key;
  std::string value;
  taint_effect effect = taint_effect::no_schedule;
};

struct toleration {
  std::string key;  // empty with `exists`: every key
  std::string value;
  bool exists = false;                 // operator Exists; otherwise Equal
  std::optional<taint_effect> effect;  // nullopt: every effect
};

enum class port_protocol : uint8_t { tcp, udp, sctp };

struct host_port {
  std::string ip = "0.0.0.0";  // 0.0.0.0 means every address of the node
  port_protocol protocol = port_protocol::tcp;
  int32_t port = 0;
  bool operator==(const host_port&) const = default;
};

// One nodeSelectorTerm: label requirements (In, NotIn, Exists, DoesNotExist, Gt, Lt) and requirements on
// metadata.name (In, NotIn), all of which must hold. A term with neither, or one that failed to parse, matches
// no node, as in Kubernetes.
struct node_field_requirement {
  bool in = true;  // In; otherwise NotIn
  std::vector<std::string> values;
};

struct node_selector_term {
  api::label_selector labels;
  std::vector<node_field_requirement> name_requirements;
  bool matches_nothing = false;
};

struct preferred_term {
  int32_t weight = 0;
  node_selector_term term;
};

}  // namespace navarch::scheduler
