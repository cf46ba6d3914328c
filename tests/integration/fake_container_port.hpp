// A scripted container runtime for kubelet tests. A container's args say what it does:
//   ["sleep"]           runs until signalled (TERM or KILL ends it, as by signal)
//   ["exit", "N"]       exits with code N right away
// An image named "missing" fails to start with ErrImagePull. Each run logs "hello from <container>".
#pragma once

#include <filesystem>
#include <map>
#include <mutex>

#include "actors/kubelet/core/container_port.hpp"

namespace navarch::test_support {

class fake_container_port : public kubelet::container_port {
 public:
  explicit fake_container_port(std::filesystem::path log_dir);

  kubelet::start_result start(const boost::json::object& pod, const boost::json::object& container, int attempt,
                              const kubelet::pod_inputs& inputs) override;
  std::optional<kubelet::container_exit> poll(const std::string& container_id) override;
  void signal(const std::string& container_id, int signal) override;
  // `true` succeeds, anything else exits 1.
  kubelet::exec_outcome exec(const std::string& container_id, const std::vector<std::string>& argv,
                             std::chrono::milliseconds timeout) override;
  void remove(const std::string& container_id) override;
  std::vector<running_container> running_containers(const std::string& pod_uid) override;
  std::string log_path(const boost::json::object& pod, const std::string& container, bool previous) override;
  void pod_finished(const std::string&) override {}

  size_t live_containers() const;  // started and not removed

 private:
  struct run {
    std::string pod_uid, container;
    std::optional<kubelet::container_exit> exit;
    std::chrono::system_clock::time_point started;
  };
  mutable std::mutex mu_;  // the test thread reads live_containers() while the worker runs
  std::filesystem::path log_dir_;
  std::map<std::string, run> runs_;
  int next_ = 1;
};

}  // namespace navarch::test_support
