#include "actors/kubelet/core/pod_lifecycle.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "api/time/rfc3339.hpp"

namespace navarch::kubelet {

namespace json = boost::json;
using std::chrono::milliseconds;

namespace {


std::string string_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string{};
}

std::string seconds_text(milliseconds d) {
  auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s >= 60 && s % 60 == 0) return std::to_string(s / 60) + "m0s";
  if (s >= 60) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s) + "s";
}

json::object terminated_state(const termination& t) {
  json::object o{{"exitCode", t.exit_code},
                 {"reason", t.reason},
                 {"startedAt", api::rfc3339(t.started_at)},
                 {"finishedAt", api::rfc3339(t.finished_at)}};
  if (t.signal) o["signal"] = t.signal;
  if (!t.message.empty()) o["message"] = t.message;
  if (!t.container_id.empty()) o["containerID"] = "navarch://" + t.container_id;
  return {{"terminated", o}};
}

bool failed(const termination& t) { return t.exit_code != 0 || t.signal != 0; }

}  // namespace

pod_lifecycle::pod_lifecycle(const json::object& pod, backoff_policy backoff) : backoff_(backoff) {
  const json::object* spec = nullptr;
  if (auto it = pod.find("spec"); it != pod.end()) spec = it->value().if_object();
  restart_policy_ = spec ? string_at(*spec, "restartPolicy") : "";
  if (restart_policy_.empty()) restart_policy_ = "Always";
  for (auto [list, init] : {std::pair{"initContainers", true}, std::pair{"containers", false}}) {
    if (!spec) break;
    auto it = spec->find(list);
    if (it == spec->end() || !it->value().is_array()) continue;
    for (const auto& c : it->value().as_array()) {
      if (!c.is_object()) continue;
      track t;
      t.name = string_at(c.as_object(), "name");
      t.image = string_at(c.as_object(), "image");
      t.init = init;
      t.waiting_reason = init ? "PodInitializing" : "ContainerCreating";
      tracks_.push_back(std::move(t));
    }
  }
}

pod_lifecycle::track* pod_lifecycle::find(const std::string& name) {
  for (auto& t : tracks_)
    if (t.name == name) return &t;
  return nullptr;
}

const pod_lifecycle::track* pod_lifecycle::find(const std::string& name) const {
  return const_cast<pod_lifecycle*>(this)->find(name);
}

void pod_lifecycle::started(const std::string& container, const std::string& container_id, wall_clock::time_point at) {
  auto* t = find(container);
  if (!t) return;
  t->st = state::running;
  t->container_id = container_id;
  t->started_at = at;
  t->waiting_reason.clear();
  t->waiting_message.clear();
}

bool pod_lifecycle::should_restart(const track& t) const {
  if (t.init) return failed(*t.last) && restart_policy_ != "Never";
  if (restart_policy_ == "Always") return true;
  if (restart_policy_ == "OnFailure") return failed(*t.last);
  return false;
}

// The first restart is immediate; later ones wait `initial`, doubling up to `max`. A container that ran for
// `reset_after` before it stopped is forgiven its history.
void pod_lifecycle::schedule_restart(track& t, wall_clock::time_point now) {
  if (t.last && t.last->finished_at - t.last->started_at >= backoff_.reset_after) t.backoff = milliseconds{0};
  milliseconds delay = t.backoff;
  t.backoff = t.backoff.count() == 0 ? backoff_.initial : std::min(t.backoff * 2, backoff_.max);
  t.restart_at = now + delay;
  t.st = state::waiting_restart;
  if (delay.count() > 0 && t.waiting_reason.empty()) {
    t.waiting_reason = "CrashLoopBackOff";
    t.waiting_message = "back-off " + seconds_text(delay) + " restarting failed container=" + t.name;
  } else if (delay.count() > 0 && t.waiting_reason == "ErrImagePull") {
    t.waiting_reason = "ImagePullBackOff";  // the message keeps saying why the image is missing
  }
}

void pod_lifecycle::exited(const std::string& container, termination term) {
  auto* t = find(container);
  if (!t) return;
  if (t->last) t->before = t->last;
  t->last = std::move(term);
  t->ready = false;
  t->waiting_reason.clear();
  t->waiting_message.clear();
  if (t->init && !failed(*t->last)) t->st = state::done;
  else if (should_restart(*t)) schedule_restart(*t, t->last->finished_at);
  else t->st = state::done;
}

void pod_lifecycle::failed_to_start(const std::string& container, const std::string& reason,
                                    const std::string& message, wall_clock::time_point at) {
  auto* t = find(container);
  if (!t) return;
  t->waiting_reason = reason;
  t->waiting_message = message;
  schedule_restart(*t, at);
}

void pod_lifecycle::adopt(const std::string& container, const std::string& container_id,
                          wall_clock::time_point started_at, int restarts) {
  auto* t = find(container);
  if (!t) return;
  started(container, container_id, started_at);
  t->restarts = restarts;
  // An adopted app container means the init containers had all succeeded before the restart.
  if (!t->init)
    for (auto& other : tracks_)
      if (other.init && other.st == state::not_started) {
        other.st = state::done;
        other.last = termination{0, 0, "Completed", "", "", started_at, started_at};
      }
}

void pod_lifecycle::set_ready(const std::string& container, bool ready) {
  if (auto* t = find(container); t && t->st == state::running) t->ready = ready;
}

bool pod_lifecycle::initialized() const {
  for (const auto& t : tracks_)
    if (t.init && !(t.st == state::done && t.last && !failed(*t.last))) return false;
  return true;
}

pod_lifecycle::plan pod_lifecycle::next(wall_clock::time_point now) {
  plan p;
  auto consider = [&](track& t) {
    bool due = t.st == state::not_started || (t.st == state::waiting_restart && now >= t.restart_at);
    if (due) {
      if (t.last) ++t.restarts;
      t.st = state::starting;
      p.start.push_back(t.name);
    } else if (t.st == state::waiting_restart && (!p.wake_at || t.restart_at < *p.wake_at)) {
      p.wake_at = t.restart_at;
    }
  };
  for (auto& t : tracks_) {
    if (!t.init) continue;
    if (t.st == state::done) {
      if (failed(*t.last)) return p;  // a failed init container that will not restart: the pod has failed
      continue;
    }
    consider(t);
    return p;  // init containers run one at a time, in order
  }
  for (auto& t : tracks_)
    if (!t.init) consider(t);
  return p;
}

std::string pod_lifecycle::phase() const {
  for (const auto& t : tracks_)
    if (t.init && t.st == state::done && failed(*t.last)) return "Failed";
  if (!initialized()) return "Pending";
  int running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const auto& t : tracks_) {
    if (t.init) continue;
    if (t.st == state::running) ++running;
    else if (t.st == state::done) {
      ++stopped;
      if (!failed(*t.last)) ++succeeded;
    } else if (t.last) ++stopped;  // waiting to restart after a termination
    else ++waiting;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped == 0) return "Pending";
  if (restart_policy_ == "Always") return "Running";
  if (stopped == succeeded) return "Succeeded";
  if (restart_policy_ == "Never") return "Failed";
  return "Running";  // OnFailure: the failed ones restart
}

bool pod_lifecycle::finished() const {
  auto p = phase();
  return p == "Succeeded" || p == "Failed";
}

bool pod_lifecycle::running(const std::string& container) const {
  const auto* t = find(container);
  return t && (t->st == state::running || t->st == state::starting);
}

std::vector<std::string> pod_lifecycle::running_containers() const {
  std::vector<std::string> out;
  for (const auto& t : tracks_)
    if (t.st == state::running || t.st == state::starting) out.push_back(t.name);
  return out;
}

json::object pod_lifecycle::container_status(const track& t) const {
  json::object state_obj, last_state;
  if (t.st == state::running) {
    state_obj = {{"running", json::object{{"startedAt", api::rfc3339(t.started_at)}}}};
    if (t.last) last_state = terminated_state(*t.last);
  } else if (t.st == state::done) {
    state_obj = terminated_state(*t.last);
    if (t.before) last_state = terminated_state(*t.before);
  } else {
    json::object waiting{{"reason", t.waiting_reason.empty() ? "ContainerCreating" : t.waiting_reason}};
    if (!t.waiting_message.empty()) waiting["message"] = t.waiting_message;
    state_obj = {{"waiting", waiting}};
    if (t.last) last_state = terminated_state(*t.last);
  }
  json::object s{{"name", t.name},
                 {"state", state_obj},
                 {"lastState", last_state},
                 {"ready", t.ready},
                 {"restartCount", t.restarts},
                 {"image", t.image},
                 {"imageID", ""},
                 {"started", t.st == state::running}};
  if (!t.container_id.empty()) s["containerID"] = "navarch://" + t.container_id;
  return s;
}

json::object pod_lifecycle::status() const {
  json::array init_statuses, statuses;
  bool all_ready = true;
  for (const auto& t : tracks_) {
    (t.init ? init_statuses : statuses).push_back(container_status(t));
    if (!t.init) all_ready = all_ready && t.ready;
  }
  auto cond = [](const char* type, bool ok) {
    return json::object{{"type", type}, {"status", ok ? "True" : "False"}, {"lastProbeTime", nullptr}};
  };
  json::object status{{"phase", phase()},
                      {"conditions", json::array{cond("Initialized", initialized()), cond("Ready", all_ready),
                                                 cond("ContainersReady", all_ready)}},
                      {"containerStatuses", statuses}};
  if (!init_statuses.empty()) status["initContainerStatuses"] = init_statuses;
  return status;
}

}  // namespace navarch::kubelet
