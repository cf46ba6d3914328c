#include "actors/kubelet/runtime_port/pod_runtime_port.hpp"

#include <fstream>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/quantity/quantity.hpp"
#include "net/netlink/node_network.hpp"
#include "runtime/container/runtime.hpp"
#include "runtime/images/image_error.hpp"
#include "runtime/images/image_store.hpp"
#include "runtime/images/process_merge.hpp"

namespace navarch::kubelet {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

using api::jv::bool_at;
using api::jv::object_at;
using api::jv::string_at;

// Writes a volume's files (configMap, secret, downwardAPI) afresh under `dir`.
void write_files(const fs::path& dir, const std::map<std::string, std::string>& files, bool secret) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [rel, content] : files) {
    auto path = dir / rel;
    if (path.lexically_normal().string().rfind(dir.string(), 0) != 0) continue;  // items may not escape the volume
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    fs::permissions(path, secret ? fs::perms::owner_read : fs::perms::owner_read | fs::perms::group_read |
                                                              fs::perms::others_read);
  }
}

runtime::resource_limits limits_of(const json::object& container) {
  runtime::resource_limits l;
  const auto* limits = object_at(object_at(&container, "resources"), "limits");
  if (auto mem = string_at(limits, "memory"); !mem.empty())
    if (auto q = api::parse_quantity_value(mem); q.ok()) l.memory_bytes = q.value;
  if (auto cpu = string_at(limits, "cpu"); !cpu.empty())
    if (auto q = api::parse_quantity_milli_value(cpu); q.ok()) l.cpu_quota_us = q.value * l.cpu_period_us / 1000;
  const auto* requests = object_at(object_at(&container, "resources"), "requests");
  if (auto cpu = string_at(requests, "cpu"); !cpu.empty())
    if (auto q = api::parse_quantity_milli_value(cpu); q.ok()) l.cpu_shares = std::max<int64_t>(2, q.value * 1024 / 1000);
  return l;
}

// Container ids must be [A-Za-z0-9_.-]: pod uid, container name and attempt qualify.
std::string container_id(const std::string& uid, const std::string& name, int attempt) {
  return uid + "_" + name + "_" + std::to_string(attempt);
}

}  // namespace

pod_runtime_port::pod_runtime_port(std::shared_ptr<runtime::container_runtime> runtime,
                                   std::shared_ptr<images::image_store> images,
                                   network_factory network, fs::path log_root)
    : runtime_(std::move(runtime)), images_(std::move(images)), make_network_(std::move(network)),
      log_root_(std::move(log_root)) {}

netlink::node_network* pod_runtime_port::network() {
  if (!network_ && make_network_) network_ = make_network_();
  return network_.get();
}

fs::path pod_runtime_port::log_dir(const json::object& pod, const std::string& container) const {
  const auto* meta = object_at(&pod, "metadata");
  // Kubernetes' layout: /var/log/pods/<namespace>_<name>_<uid>/<container>/<restart>.log
  return log_root_ /
         (std::string(string_at(meta, "namespace")) + "_" + std::string(string_at(meta, "name")) + "_" +
          std::string(string_at(meta, "uid"))) /
         container;
}

fs::path pod_runtime_port::volume_dir(const std::string& pod_uid, const std::string& volume) const {
  return log_root_.parent_path() / "pod-volumes" / pod_uid / volume;
}

start_result pod_runtime_port::start(const json::object& pod, const json::object& container, int attempt,
                                     const pod_inputs& inputs) {
  const auto* meta = object_at(&pod, "metadata");
  const auto* spec = object_at(&pod, "spec");
  std::string uid(string_at(meta, "uid")), name(string_at(&container, "name")), image(string_at(&container, "image"));
  start_result out;
  try {
    if (!images_->has_image(image)) return {"", "", "ErrImagePull", images::missing_image_message(image)};
    auto info = images_->inspect(image);
    auto layers = images_->rootfs_layers(image);
    auto env = container_env(pod, container, inputs);
    if (auto* err = std::get_if<std::string>(&env)) return {"", "", "CreateContainerConfigError", *err};
    auto volumes = pod_volumes(pod, inputs);
    if (auto* err = std::get_if<std::string>(&volumes)) return {"", "", "CreateContainerConfigError", *err};
    images::container_overrides over;
    over.command = api::jv::strings_at(&container, "command");
    over.args = api::jv::strings_at(&container, "args");
    for (auto& e : std::get<std::vector<env_entry>>(env)) over.env.push_back({e.name, e.value});
    over.working_dir = string_at(&container, "workingDir");
    auto process = images::merge_process(info.config, over);

    runtime::container_spec cs;
    cs.id = container_id(uid, name, attempt);
    cs.pod_uid = uid;
    cs.name = name;
    cs.attempt = attempt;
    for (size_t i = 0; i < layers.lower_dirs.size(); ++i)
      cs.rootfs += (i ? ":" : "") + layers.lower_dirs[i].string();
    cs.command = process.argv;
    for (const auto& e : process.env) cs.env.push_back(e.name + "=" + e.value);
    cs.working_dir = process.working_dir;
    cs.hostname = string_at(meta, "name");
    cs.limits = limits_of(container);
    const auto& vols = std::get<std::map<std::string, volume_source>>(volumes);
    if (const auto* mounts = api::jv::array_at(&container, "volumeMounts"))
      for (const auto& m : *mounts) {
        if (!m.is_object()) continue;
        std::string volume(string_at(&m.as_object(), "name"));
        auto it = vols.find(volume);
        if (it == vols.end()) return {"", "", "CreateContainerConfigError", "volume " + volume + " not found"};
        runtime::mount_spec ms;
        ms.destination = string_at(&m.as_object(), "mountPath");
        ms.read_only = bool_at(&m.as_object(), "readOnly");
        const auto& src = it->second;
        if (src.type == volume_source::kind::host_path) {
          ms.source = src.host_path;
        } else {
          auto dir = volume_dir(uid, it->first);
          if (src.type == volume_source::kind::files) {
            bool secret = false;
            if (const auto* vl = api::jv::array_at(spec, "volumes"))
              for (const auto& v : *vl)
                if (v.is_object() && string_at(&v.as_object(), "name") == it->first) secret = v.as_object().contains("secret");
            write_files(dir, src.files, secret);
            ms.read_only = true;
          } else {
            fs::create_directories(dir);  // emptyDir: lives as long as the pod
          }
          ms.source = dir.string();
        }
        cs.mounts.push_back(std::move(ms));
      }
    bool host_network = bool_at(spec, "hostNetwork");
    if (!host_network && network()) {
      auto net = network()->add_pod(uid);
      cs.netns_path = net.netns_path;
      out.pod_ip = net.ip.address.str();
    }
    auto dir = log_dir(pod, name);
    fs::create_directories(dir);
    cs.log_path = (dir / (std::to_string(attempt) + ".log")).string();
    runtime_->remove(cs.id);  // a leftover of the same run (a node restart mid-start) would block the id
    auto status = runtime_->start(cs);
    out.container_id = status.id;
  } catch (const images::image_error& e) {
    return {"", "", "ErrImagePull", e.what()};
  } catch (const std::exception& e) {
    return {"", "", "RunContainerError", e.what()};
  }
  return out;
}

std::optional<container_exit> pod_runtime_port::poll(const std::string& id) {
  auto s = runtime_->status(id);
  if (!s) return container_exit{137, 0, false, {}, std::chrono::system_clock::now()};  // gone: treat as killed
  if (s->state != runtime::container_state::exited) return std::nullopt;
  return container_exit{s->exit_code, s->signal, s->oom_killed, s->started_at, s->finished_at};
}

void pod_runtime_port::signal(const std::string& id, int sig) { runtime_->signal(id, sig); }

exec_outcome pod_runtime_port::exec(const std::string& id, const std::vector<std::string>& argv,
                                   std::chrono::milliseconds timeout) {
  auto r = runtime_->exec(id, argv, timeout);
  return {r.exit_code, r.output, r.timed_out, r.error};
}

exec_pipes pod_runtime_port::exec_stream(const std::string& id, const std::vector<std::string>& argv,
                                         bool with_stdin) {
  auto p = runtime_->exec_stream(id, argv, with_stdin);
  return {p.stdin_fd, p.stdout_fd, p.stderr_fd, p.done_fd, std::move(p.kill), [finish = std::move(p.finish)] {
            auto r = finish();
            return exec_outcome{r.exit_code, {}, r.timed_out, r.error};
          }};
}

void pod_runtime_port::remove(const std::string& id) { runtime_->remove(id); }

std::vector<container_port::running_container> pod_runtime_port::running_containers(const std::string& uid) {
  std::vector<running_container> out;
  for (const auto& s : runtime_->list()) {
    if (s.pod_uid != uid) continue;
    if (s.state == runtime::container_state::running) out.push_back({s.name, s.id, s.attempt, s.started_at});
    else runtime_->remove(s.id);  // a run that ended while the node was down: its exit is history
  }
  return out;
}

std::string pod_runtime_port::log_path(const json::object& pod, const std::string& container, bool previous) {
  // Runs are numbered: the newest file is the current run, the one before it the previous.
  std::vector<int> runs;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(log_dir(pod, container), ec))
    if (f.path().extension() == ".log") runs.push_back(std::atoi(f.path().stem().c_str()));
  std::sort(runs.begin(), runs.end());
  if (runs.empty() || (previous && runs.size() < 2)) return {};
  int run = previous ? runs[runs.size() - 2] : runs.back();
  return (log_dir(pod, container) / (std::to_string(run) + ".log")).string();
}

void pod_runtime_port::pod_finished(const std::string& uid) {
  // After a node restart the network object is made anew here, so pods adopted from before are released too.
  if (auto* net = network()) net->remove_pod(uid);
  std::error_code ec;
  fs::remove_all(log_root_.parent_path() / "pod-volumes" / uid, ec);
}

}  // namespace navarch::kubelet
