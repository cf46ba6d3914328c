#include "tests/integration/fake_container_port.hpp"

#include <csignal>
#include <fstream>

#include <boost/json.hpp>

namespace json = boost::json;

namespace navarch::test_support {

namespace {

std::string field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string{};
}

std::string pod_uid(const json::object& pod) {
  const auto* meta = pod.if_contains("metadata");
  return meta && meta->is_object() ? field(meta->as_object(), "uid") : std::string{};
}

}  // namespace

fake_container_port::fake_container_port(std::filesystem::path log_dir) : log_dir_(std::move(log_dir)) {
  std::filesystem::create_directories(log_dir_);
}

kubelet::start_result fake_container_port::start(const json::object& pod, const json::object& container, int,
                                                const kubelet::pod_inputs&) {
  std::lock_guard lock(mu_);
  std::string name = field(container, "name");
  if (field(container, "image") == "missing")
    return {"", "", "ErrImagePull", "image \"missing\" is not in the node's image store"};
  std::string id = "fake-" + std::to_string(next_++);
  run r{pod_uid(pod), name, std::nullopt, std::chrono::system_clock::now()};
  std::vector<std::string> args;
  if (const auto* a = container.if_contains("args"); a && a->is_array())
    for (const auto& v : a->as_array())
      if (v.is_string()) args.emplace_back(v.get_string());
  if (args.size() == 2 && args[0] == "exit")
    r.exit = kubelet::container_exit{std::stoi(args[1]), 0, false, r.started, r.started};
  runs_[id] = r;
  std::ofstream(log_path(pod, name, false), std::ios::app) << "2026-11-22T06:40:00.000000000Z stdout F hello from "
                                                           << name << "\n";
  return {id, "", "", ""};
}

std::optional<kubelet::container_exit> fake_container_port::poll(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = runs_.find(id);
  return it == runs_.end() ? std::nullopt : it->second.exit;
}

void fake_container_port::signal(const std::string& id, int sig) {
  std::lock_guard lock(mu_);
  auto it = runs_.find(id);
  if (it == runs_.end() || it->second.exit) return;
  auto now = std::chrono::system_clock::now();
  it->second.exit = kubelet::container_exit{128 + sig, sig, false, it->second.started, now};
}

kubelet::exec_outcome fake_container_port::exec(const std::string&, const std::vector<std::string>& argv,
                                                std::chrono::milliseconds) {
  bool ok = !argv.empty() && argv[0] == "true";
  return {ok ? 0 : 1, "", false, ""};
}

void fake_container_port::remove(const std::string& id) {
  std::lock_guard lock(mu_);
  runs_.erase(id);
}

std::vector<kubelet::container_port::running_container> fake_container_port::running_containers(
    const std::string& uid) {
  std::lock_guard lock(mu_);
  std::vector<running_container> out;
  for (const auto& [id, r] : runs_)
    if (r.pod_uid == uid && !r.exit) out.push_back({r.container, id, 0, r.started});
  return out;
}

std::string fake_container_port::log_path(const json::object& pod, const std::string& container, bool) {
  return (log_dir_ / (pod_uid(pod) + "_" + container + ".log")).string();
}

size_t fake_container_port::live_containers() const {
  std::lock_guard lock(mu_);
  return runs_.size();
}

}  // namespace navarch::test_support
