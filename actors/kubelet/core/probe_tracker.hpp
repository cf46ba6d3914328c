// Kubernetes probe semantics for one probe of one container: when the next check is due (initialDelaySeconds,
// periodSeconds) and what consecutive results mean (successThreshold, failureThreshold). Pure: the supervisor
// runs the checks and feeds the results in.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace navarch::kubelet {

struct probe_spec {
  enum class kind { exec, http_get, tcp_socket, grpc };
  kind type = kind::tcp_socket;
  std::string host;  // httpGet.host; empty: the pod IP
  std::string path = "/";
  std::string scheme = "HTTP";
  int port = 0;
  std::vector<std::string> command;  // exec
  std::chrono::seconds initial_delay{0};
  std::chrono::seconds period{10};
  std::chrono::seconds timeout{1};
  int success_threshold = 1;
  int failure_threshold = 3;
};

// Parses a container's livenessProbe / readinessProbe / startupProbe; nullopt when absent. A named port is
// resolved against the container's ports.
std::optional<probe_spec> parse_probe(const boost::json::object& container, const char* field);

class probe_tracker {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  // `started`: when the container started; the first check waits initialDelaySeconds from then.
  probe_tracker(probe_spec spec, time_point started);

  const probe_spec& spec() const { return spec_; }
  time_point next_check() const { return next_; }
  // Records a result at `now`; returns true when the probe's verdict changed.
  bool record(bool success, time_point now);
  // The verdict: true once successThreshold successes are in a row, false after failureThreshold failures.
  // Before any verdict, nullopt (readiness counts that as not ready; liveness as alive).
  std::optional<bool> verdict() const { return verdict_; }

 private:
  probe_spec spec_;
  time_point next_;
  int successes_ = 0, failures_ = 0;
  std::optional<bool> verdict_;
};

}  // namespace navarch::kubelet
