#include "actors/kubelet/actor/pod_supervisor.hpp"

#include <csignal>
#include <optional>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/client/events.hpp"
#include "actors/kubelet/core/container_lookup.hpp"
#include "api/object/json_access.hpp"
#include "actors/client/requests.hpp"
#include "actors/kubelet/actor/local_messages.hpp"
#include "actors/kubelet/actor/probe_runner.hpp"
#include "actors/kubelet/core/probe_tracker.hpp"
#include "api/time/rfc3339.hpp"

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

using poll_atom = caf::atom_constant<caf::atom("poll")>;
using wake_atom = caf::atom_constant<caf::atom("wake")>;
using kill_atom = caf::atom_constant<caf::atom("kill")>;

// The probes of one running container. Liveness and readiness wait for the startup probe, if there is one.
struct container_probes {
  std::optional<probe_tracker> trackers[3];  // startup, liveness, readiness
  bool in_flight[3] = {false, false, false};
  bool started = true;
};
constexpr const char* probe_names[3] = {"Startup", "Liveness", "Readiness"};

struct state {
  msg::api_actor api;
  caf::actor worker;
  supervisor_options opts;
  std::shared_ptr<const json::object> pod;
  std::optional<pod_lifecycle> lifecycle;
  std::map<std::string, std::string> ids;  // container name -> id of its current run
  std::map<std::string, int> attempts;     // container name -> runs started so far
  std::string pod_ip;                      // set once the runtime gave the pod its own network
  std::map<std::string, container_probes> probes;
  wall_clock::time_point start_time;
  json::object last_reported;
  bool status_in_flight = false;
  bool status_dirty = false;  // a newer status waits for the one in flight
  bool terminating = false;
  client::resource_client pods{{"", "v1", "pods"}, "system:node"};
  client::resource_client events{{"", "v1", "events"}, "system:node"};
  static inline const char* name = "pod_supervisor";
};

using self_ptr = caf::stateful_actor<state>*;

std::string meta_field(const json::object& pod, const char* key) {
  return std::string(api::jv::string_at(api::jv::object_at(&pod, "metadata"), key));
}

// The restart count the Pod's status shows for a container (what an adopting supervisor continues from).
int restarts_in_status(const json::object& pod, const std::string& container) {
  return static_cast<int>(api::jv::int_at(find_container_status(pod, container), "restartCount").value_or(0));
}

void record(self_ptr self, const char* type, const char* reason, const std::string& message) {
  auto ev = client::make_event(*self->state.pod, type, reason, message, {"kubelet", self->state.opts.node},
                               wall_clock::now());
  self->request(self->state.api, client::default_request_timeout,
                self->state.events.create(meta_field(*self->state.pod, "namespace"), ev))
      .then([](const msg::api_response&) {}, [](caf::error&) {});
}

// One status update in flight at a time, always the latest: two concurrent patches could land out of order
// (a retried optimistic write applies after a newer one) and leave an old status behind.
void send_status(self_ptr self) {
  auto& st = self->state;
  if (st.status_in_flight) {
    st.status_dirty = true;
    return;
  }
  st.status_in_flight = true;
  st.status_dirty = false;
  json::object patch{{"status", st.last_reported}};
  auto done = [self] {
    self->state.status_in_flight = false;
    if (self->state.status_dirty) send_status(self);
  };
  self->request(st.api, client::default_request_timeout,
                st.pods.patch(meta_field(*st.pod, "namespace"), meta_field(*st.pod, "name"), client::patch_type::merge,
                              json::serialize(patch), "status"))
      .then([done](const msg::api_response&) { done(); }, [done](caf::error&) { done(); });
}

void report(self_ptr self) {
  auto& st = self->state;
  json::object status = st.lifecycle->status();
  status["hostIP"] = st.opts.host_ip;
  status["hostIPs"] = json::array{json::object{{"ip", st.opts.host_ip}}};
  const std::string& ip = st.pod_ip.empty() ? st.opts.host_ip : st.pod_ip;
  status["podIP"] = ip;
  status["podIPs"] = json::array{json::object{{"ip", ip}}};
  status["startTime"] = api::rfc3339(st.start_time);
  status["qosClass"] = "BestEffort";
  status["conditions"].as_array().push_back(
      json::object{{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr}});
  if (status == st.last_reported) return;
  st.last_reported = std::move(status);
  send_status(self);
}

// Reads the ConfigMaps and Secrets the pod uses (missing ones are simply absent), then calls `then`.
void fetch_inputs(self_ptr self, std::function<void(std::shared_ptr<pod_inputs>)> then) {
  auto& st = self->state;
  auto inputs = std::make_shared<pod_inputs>();
  inputs->host_ip = st.opts.host_ip;
  inputs->pod_ip = st.pod_ip.empty() ? st.opts.host_ip : st.pod_ip;
  auto refs = references_of(*st.pod);
  auto remaining = std::make_shared<size_t>(refs.config_maps.size() + refs.secrets.size());
  if (*remaining == 0) return then(inputs);
  std::string ns = meta_field(*st.pod, "namespace");
  for (bool secret : {false, true})
    for (const auto& name : secret ? refs.secrets : refs.config_maps) {
      client::resource_client rc({"", "v1", secret ? "secrets" : "configmaps"}, "system:node");
      self->request(st.api, client::default_request_timeout, rc.get(ns, name))
          .then(
              [inputs, remaining, then, secret, name](const msg::api_response& r) {
                if (auto obj = client::reply_object(r))
                  (secret ? inputs->secrets : inputs->config_maps)[name] = obj->as_object();
                if (--*remaining == 0) then(inputs);
              },
              [inputs, remaining, then](caf::error&) {
                if (--*remaining == 0) then(inputs);
              });
    }
}

void run_next(self_ptr self) {
  auto& st = self->state;
  if (st.terminating) return;
  auto now = wall_clock::now();
  auto plan = st.lifecycle->next(now);
  if (!plan.start.empty())
    fetch_inputs(self, [self, names = plan.start](std::shared_ptr<pod_inputs> inputs) {
      auto& st = self->state;
      for (const auto& name : names) {
        const auto* spec = find_container(*st.pod, name);
        if (!spec) continue;
        auto pod = st.pod;
        json::object container = *spec;
        int attempt = st.attempts[name]++;  // each run gets its own container id and log file
        auto me = caf::actor_cast<caf::actor>(self);
        self->send(st.worker, runtime_job{[me, pod, container, name, attempt, inputs](container_port& port) {
                     caf::anon_send(me, container_started{name, port.start(*pod, container, attempt, *inputs)});
                   }});
      }
    });
  if (plan.wake_at)
    self->delayed_send(self, std::chrono::duration_cast<std::chrono::milliseconds>(*plan.wake_at - now) +
                                 std::chrono::milliseconds(1),
                       wake_atom::value);
}

void poll(self_ptr self) {
  auto& st = self->state;
  std::vector<std::pair<std::string, std::string>> running;
  for (const auto& [name, id] : st.ids)
    if (st.lifecycle->running(name)) running.emplace_back(name, id);
  if (running.empty()) return;
  auto me = caf::actor_cast<caf::actor>(self);
  self->send(st.worker, runtime_job{[me, running](container_port& port) {
               containers_polled out;
               for (const auto& [name, id] : running)
                 if (auto e = port.poll(id)) out.exited.emplace_back(name, *e);
               if (!out.exited.empty()) caf::anon_send(me, std::move(out));
             }});
}

void start_probes(self_ptr self, const std::string& name) {
  auto& st = self->state;
  const auto* spec = find_container(*st.pod, name);
  auto now = std::chrono::steady_clock::now();
  container_probes cp;
  const char* fields[3] = {"startupProbe", "livenessProbe", "readinessProbe"};
  for (int i = 0; i < 3; ++i)
    if (auto p = spec ? parse_probe(*spec, fields[i]) : std::nullopt) cp.trackers[i].emplace(*p, now);
  cp.started = !cp.trackers[0];
  // Without a readiness probe a container is ready once it runs.
  if (!cp.trackers[2]) st.lifecycle->set_ready(name, true);
  st.probes[name] = std::move(cp);
}

void run_due_probes(self_ptr self) {
  auto& st = self->state;
  auto now = std::chrono::steady_clock::now();
  const std::string& ip = st.pod_ip.empty() ? st.opts.host_ip : st.pod_ip;
  auto me = caf::actor_cast<caf::actor>(self);
  for (auto& [name, cp] : st.probes)
    for (int i = 0; i < 3; ++i) {
      auto& t = cp.trackers[i];
      if (!t || cp.in_flight[i] || now < t->next_check() || (i > 0 && !cp.started)) continue;
      cp.in_flight[i] = true;
      if (t->spec().type == probe_spec::kind::exec) {
        // Exec probes run inside the container, through the runtime (on its worker thread).
        std::string id = st.ids[name];
        self->send(st.worker, runtime_job{[me, id, spec = t->spec(), name = name, i](container_port& port) {
                     auto r = port.exec(id, spec.command, std::chrono::duration_cast<std::chrono::milliseconds>(spec.timeout));
                     bool ok = r.error.empty() && !r.timed_out && r.exit_code == 0;
                     std::string why = !r.error.empty() ? r.error
                                       : r.timed_out  ? "command timed out"
                                                      : "command exited with " + std::to_string(r.exit_code) +
                                                            (r.output.empty() ? "" : ": " + r.output);
                     caf::anon_send(me, probe_result{name, i, ok, true, ok ? "" : why});
                   }});
        continue;
      }
      // Network probes block up to their timeout: each runs on a thread of its own, never on the actor pool.
      self->spawn<caf::detached>([me, spec = t->spec(), ip, name = name, i](caf::event_based_actor*) {
        auto o = run_probe(spec, ip);
        caf::anon_send(me, probe_result{name, i, o.success, o.supported, o.message});
      });
    }
}

void on_probe(self_ptr self, const probe_result& r) {
  auto& st = self->state;
  auto it = st.probes.find(r.container);
  if (it == st.probes.end()) return;  // the container stopped meanwhile
  auto& cp = it->second;
  cp.in_flight[r.which] = false;
  auto& t = cp.trackers[r.which];
  if (!t) return;
  if (!r.supported) {
    record(self, "Warning", "Unhealthy", std::string(probe_names[r.which]) + " probe not run: " + r.message);
    t.reset();
    if (r.which == 0) cp.started = true;
    if (r.which == 2) st.lifecycle->set_ready(r.container, true);
    return report(self);
  }
  bool changed = t->record(r.success, std::chrono::steady_clock::now());
  if (!r.success) record(self, "Warning", "Unhealthy", std::string(probe_names[r.which]) + " probe failed: " + r.message);
  if (!changed) return;
  bool ok = t->verdict().value_or(false);
  if (r.which == 2) {
    st.lifecycle->set_ready(r.container, ok);
    return report(self);
  }
  if (r.which == 0 && ok) {
    cp.started = true;
    return;
  }
  if (!ok) {  // a failed startup or liveness probe: the container is killed and restarted by its policy
    record(self, "Normal", "Killing",
           "Container " + r.container + " failed " + (r.which == 0 ? "startup" : "liveness") +
               " probe, will be restarted");
    std::string id = st.ids[r.container];
    self->send(st.worker, runtime_job{[id](container_port& port) { port.signal(id, SIGKILL); }});
  }
}

void signal_all(self_ptr self, int sig) {
  std::vector<std::string> ids;
  for (const auto& [name, id] : self->state.ids)
    if (self->state.lifecycle->running(name)) ids.push_back(id);
  self->send(self->state.worker, runtime_job{[ids, sig](container_port& port) {
               for (const auto& id : ids) port.signal(id, sig);
             }});
}

// The pod is over on this node: its containers and what else the runtime held for it go.
void remove_all(self_ptr self) {
  std::vector<std::string> ids;
  for (const auto& [name, id] : self->state.ids) ids.push_back(id);
  std::string uid = meta_field(*self->state.pod, "uid");
  self->send(self->state.worker, runtime_job{[ids, uid](container_port& port) {
               for (const auto& id : ids) port.remove(id);
               port.pod_finished(uid);
             }});
}

// Graceful deletion ends here: every container has stopped, so the Pod object goes for good.
void finish_deletion(self_ptr self) {
  auto& st = self->state;
  remove_all(self);
  json::object options{{"gracePeriodSeconds", 0},
                       {"preconditions", json::object{{"uid", meta_field(*st.pod, "uid")}}}};
  self->request(st.api, client::default_request_timeout,
                st.pods.remove(meta_field(*st.pod, "namespace"), meta_field(*st.pod, "name"), json::serialize(options)))
      .then([self](const msg::api_response&) { self->quit(); }, [self](caf::error&) { self->quit(); });
}

void begin_termination(self_ptr self) {
  auto& st = self->state;
  st.terminating = true;
  int64_t grace =
      api::jv::int_at(api::jv::object_at(st.pod.get(), "metadata"), "deletionGracePeriodSeconds").value_or(30);
  if (st.lifecycle->running_containers().empty()) return finish_deletion(self);
  // preStop exec hooks run first (bounded by the grace period); the worker runs jobs in order, so TERM follows.
  for (const auto& name : st.lifecycle->running_containers()) {
    record(self, "Normal", "Killing", "Stopping container " + name);
    using api::jv::object_at;
    const auto* exec = object_at(object_at(object_at(find_container(*st.pod, name), "lifecycle"), "preStop"), "exec");
    if (!api::jv::array_at(exec, "command")) continue;
    std::vector<std::string> argv = api::jv::strings_at(exec, "command");
    std::string id = st.ids[name];
    self->send(st.worker, runtime_job{[id, argv, grace](container_port& port) {
                 port.exec(id, argv, std::chrono::seconds(grace));
               }});
  }
  signal_all(self, SIGTERM);
  self->delayed_send(self, std::chrono::seconds(grace), kill_atom::value);
}

caf::behavior pod_supervisor(self_ptr self, msg::api_actor api, caf::actor worker, supervisor_options opts,
                             std::shared_ptr<const json::object> pod) {
  auto& st = self->state;
  st.api = std::move(api);
  st.worker = std::move(worker);
  st.opts = std::move(opts);
  st.pod = std::move(pod);
  st.lifecycle.emplace(*st.pod, st.opts.backoff);
  st.start_time = wall_clock::now();
  // Containers still running from before a node restart are adopted, not started twice.
  auto me = caf::actor_cast<caf::actor>(self);
  std::string uid = meta_field(*st.pod, "uid");
  self->send(st.worker, runtime_job{[me, uid](container_port& port) {
               containers_found f;
               for (auto& c : port.running_containers(uid)) f.running.push_back({c.name, c.id, c.attempt, c.started_at});
               caf::anon_send(me, std::move(f));
             }});
  self->delayed_send(self, st.opts.poll_interval, poll_atom::value);
  return {
      [self](containers_found& f) {
        auto& st = self->state;
        if (!f.running.empty())  // the adopted containers keep the pod's network, and its address
          st.pod_ip = api::jv::string_at(api::jv::object_at(st.pod.get(), "status"), "podIP");
        if (st.pod_ip == st.opts.host_ip) st.pod_ip.clear();
        for (const auto& c : f.running) {
          st.lifecycle->adopt(c.name, c.id, c.started_at, restarts_in_status(*st.pod, c.name));
          st.ids[c.name] = c.id;
          st.attempts[c.name] = c.attempt + 1;
          start_probes(self, c.name);
        }
        report(self);
        run_next(self);
      },
      [self](container_started& s) {
        auto& st = self->state;
        auto now = wall_clock::now();
        if (s.result.container_id.empty()) {
          st.lifecycle->failed_to_start(s.container, s.result.error_reason, s.result.error_message, now);
          record(self, "Warning", "Failed", "Error: " + s.result.error_reason + ": " + s.result.error_message);
        } else {
          st.ids[s.container] = s.result.container_id;
          if (!s.result.pod_ip.empty()) st.pod_ip = s.result.pod_ip;
          st.lifecycle->started(s.container, s.result.container_id, now);
          // Images are local (no registry pulls): the kubelet's message for an image already present.
          if (const auto* spec = find_container(*st.pod, s.container))
            record(self, "Normal", "Pulled",
                   "Container image \"" + std::string(api::jv::string_at(spec, "image")) +
                       "\" already present on machine");
          record(self, "Normal", "Created", "Created container " + s.container);
          record(self, "Normal", "Started", "Started container " + s.container);
          start_probes(self, s.container);
          if (st.terminating) signal_all(self, SIGKILL);
        }
        report(self);
        run_next(self);
      },
      [self](containers_polled& p) {
        auto& st = self->state;
        for (auto& [name, e] : p.exited) {
          termination t;
          t.exit_code = e.exit_code;
          t.signal = e.signal;
          t.reason = e.oom_killed ? "OOMKilled" : (e.exit_code == 0 && e.signal == 0 ? "Completed" : "Error");
          t.container_id = st.ids[name];
          t.started_at = e.started_at;
          t.finished_at = e.finished_at;
          st.lifecycle->exited(name, t);
          st.probes.erase(name);
          std::string id = t.container_id;  // the ended run is of no more use; its log file stays
          self->send(st.worker, runtime_job{[id](container_port& port) { port.remove(id); }});
          if (!st.terminating && !st.lifecycle->finished() && t.reason != "Completed")
            record(self, "Warning", "BackOff", "Back-off restarting failed container " + name);
        }
        report(self);
        if (st.terminating && st.lifecycle->running_containers().empty()) return finish_deletion(self);
        run_next(self);
      },
      [self](const probe_result& r) { on_probe(self, r); },
      [self](poll_atom) {
        poll(self);
        run_due_probes(self);
        self->delayed_send(self, self->state.opts.poll_interval, poll_atom::value);
      },
      [self](wake_atom) { run_next(self); },
      [self](kill_atom) { signal_all(self, SIGKILL); },
      [self](pod_changed& c) {
        auto& st = self->state;
        st.pod = std::move(c.pod);
        if (!st.terminating && api::jv::at(api::jv::object_at(st.pod.get(), "metadata"), "deletionTimestamp"))
          begin_termination(self);
      },
      // The Pod is gone from the API (deleted at once, or its namespace went): stop everything now.
      [self](pod_gone_atom) {
        signal_all(self, SIGKILL);
        remove_all(self);
        self->quit();
      },
  };
}

}  // namespace

caf::actor spawn_pod_supervisor(caf::local_actor* kubelet, msg::api_actor api, caf::actor runtime_worker,
                                supervisor_options opts, std::shared_ptr<const json::object> pod) {
  return kubelet->spawn<caf::linked>(pod_supervisor, std::move(api), std::move(runtime_worker), std::move(opts),
                                     std::move(pod));
}

}  // namespace navarch::kubelet
