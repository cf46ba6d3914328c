// Runs one httpGet or tcpSocket probe against a pod address, blocking up to the probe's timeout. (Exec probes run
// through the runtime instead; gRPC probes are not supported yet and report `supported = false`.)
#pragma once

#include <string>

#include "actors/kubelet/core/probe_tracker.hpp"

namespace navarch::kubelet {

struct probe_outcome {
  bool success = false;
  bool supported = true;
  std::string message;  // why it failed, as kubectl describe shows it
};

probe_outcome run_probe(const probe_spec& spec, const std::string& pod_ip);

}  // namespace navarch::kubelet
