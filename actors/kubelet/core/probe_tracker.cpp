#include "actors/kubelet/core/probe_tracker.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

using api::jv::object_at;
using api::jv::string_at;

int int_or(const json::object& o, const char* key, int fallback) {
  return static_cast<int>(api::jv::int_at(&o, key).value_or(fallback));
}

// A port given by number, or by the name of one of the container's ports.
int resolve_port(const json::value* port, const json::object& container) {
  if (!port) return 0;
  if (port->is_int64()) return static_cast<int>(port->as_int64());
  if (!port->is_string()) return 0;
  const std::string_view name = port->get_string();
  if (const auto* ports = api::jv::array_at(&container, "ports"))
    for (const auto& p : *ports)
      if (const auto* o = p.if_object(); o && !name.empty() && string_at(o, "name") == name)
        return int_or(*o, "containerPort", 0);
  return std::atoi(std::string(port->get_string()).c_str());
}

}  // namespace

std::optional<probe_spec> parse_probe(const json::object& container, const char* field) {
  const auto* probe = object_at(&container, field);
  if (!probe) return std::nullopt;
  const auto& p = *probe;
  probe_spec s;
  // Optional strings keep their defaults when absent.
  auto set = [](std::string& out, std::string_view v) {
    if (!v.empty()) out = v;
  };
  if (const auto* hg = object_at(&p, "httpGet")) {
    s.type = probe_spec::kind::http_get;
    s.port = resolve_port(api::jv::at(hg, "port"), container);
    set(s.path, string_at(hg, "path"));
    set(s.host, string_at(hg, "host"));
    set(s.scheme, string_at(hg, "scheme"));
  } else if (const auto* t = object_at(&p, "tcpSocket")) {
    s.type = probe_spec::kind::tcp_socket;
    s.port = resolve_port(api::jv::at(t, "port"), container);
    set(s.host, string_at(t, "host"));
  } else if (const auto* e = object_at(&p, "exec")) {
    s.type = probe_spec::kind::exec;
    s.command = api::jv::strings_at(e, "command");
  } else if (p.contains("grpc")) {
    s.type = probe_spec::kind::grpc;
  } else {
    return std::nullopt;
  }
  s.initial_delay = std::chrono::seconds(int_or(p, "initialDelaySeconds", 0));
  s.period = std::chrono::seconds(std::max(1, int_or(p, "periodSeconds", 10)));
  s.timeout = std::chrono::seconds(std::max(1, int_or(p, "timeoutSeconds", 1)));
  s.success_threshold = std::max(1, int_or(p, "successThreshold", 1));
  s.failure_threshold = std::max(1, int_or(p, "failureThreshold", 3));
  return s;
}

probe_tracker::probe_tracker(probe_spec spec, time_point started)
    : spec_(std::move(spec)), next_(started + spec_.initial_delay) {}

bool probe_tracker::record(bool success, time_point now) {
  next_ = now + spec_.period;
  auto before = verdict_;
  if (success) {
    failures_ = 0;
    if (++successes_ >= spec_.success_threshold) verdict_ = true;
  } else {
    successes_ = 0;
    if (++failures_ >= spec_.failure_threshold) verdict_ = false;
  }
  return verdict_ != before;
}

}  // namespace navarch::kubelet
