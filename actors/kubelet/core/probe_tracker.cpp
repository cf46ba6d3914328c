#include "actors/kubelet/core/probe_tracker.hpp"

#include <boost/json.hpp>

namespace navarch::kubelet {

namespace json = boost::json;

namespace {

int int_or(const json::object& o, const char* key, int fallback) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? static_cast<int>(v->as_int64()) : fallback;
}

// A port given by number, or by the name of one of the container's ports.
int resolve_port(const json::value* port, const json::object& container) {
  if (!port) return 0;
  if (port->is_int64()) return static_cast<int>(port->as_int64());
  if (!port->is_string()) return 0;
  if (const auto* ports = container.if_contains("ports"); ports && ports->is_array())
    for (const auto& p : ports->as_array())
      if (p.is_object() && p.as_object().contains("name") && p.as_object().at("name") == *port)
        return int_or(p.as_object(), "containerPort", 0);
  return std::atoi(std::string(port->get_string()).c_str());
}

}  // namespace

std::optional<probe_spec> parse_probe(const json::object& container, const char* field) {
  const auto* v = container.if_contains(field);
  if (!v || !v->is_object()) return std::nullopt;
  const auto& p = v->as_object();
  probe_spec s;
  if (const auto* h = p.if_contains("httpGet"); h && h->is_object()) {
    s.type = probe_spec::kind::http_get;
    const auto& hg = h->as_object();
    s.port = resolve_port(hg.if_contains("port"), container);
    if (const auto* path = hg.if_contains("path"); path && path->is_string()) s.path = path->get_string();
    if (const auto* host = hg.if_contains("host"); host && host->is_string()) s.host = host->get_string();
    if (const auto* scheme = hg.if_contains("scheme"); scheme && scheme->is_string()) s.scheme = scheme->get_string();
  } else if (const auto* t = p.if_contains("tcpSocket"); t && t->is_object()) {
    s.type = probe_spec::kind::tcp_socket;
    s.port = resolve_port(t->as_object().if_contains("port"), container);
    if (const auto* host = t->as_object().if_contains("host"); host && host->is_string()) s.host = host->get_string();
  } else if (const auto* e = p.if_contains("exec"); e && e->is_object()) {
    s.type = probe_spec::kind::exec;
    if (const auto* cmd = e->as_object().if_contains("command"); cmd && cmd->is_array())
      for (const auto& c : cmd->as_array())
        if (c.is_string()) s.command.emplace_back(c.get_string());
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
