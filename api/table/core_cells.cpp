// Cells of the core kinds other than pods (printNode, printService, printEvent, ...).
#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "api/selectors/label_selector.hpp"
#include "api/table/age.hpp"
#include "api/table/cells.hpp"
#include "api/validation/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api::cells {

namespace json = boost::json;

namespace {

std::string or_default(std::string_view s, std::string_view fallback) {
  return s.empty() ? std::string(fallback) : std::string(s);
}

int64_t map_size(const value& obj, std::string_view key) {
  const auto* o = jv::object_at(obj, {key});
  return o ? static_cast<int64_t>(o->size()) : 0;
}

std::string node_address(const value& node, std::string_view type) {
  if (const auto* addrs = jv::array_at(node, {"status", "addresses"}))
    for (const auto& a : *addrs)
      if (jv::string_at(a, {"type"}) == type) return std::string(jv::string_at(a, {"address"}));
  return "<none>";
}

std::string service_external_ip(const value& svc) {
  std::vector<std::string> external;
  if (const auto* ips = jv::array_at(svc, {"spec", "externalIPs"}))
    for (const auto& ip : *ips)
      if (ip.is_string()) external.emplace_back(ip.get_string());
  auto type = jv::string_at(svc, {"spec", "type"});
  if (type == "ClusterIP" || type == "NodePort") return external.empty() ? "<none>" : join(external, ",");
  if (type == "ExternalName") return std::string(jv::string_at(svc, {"spec", "externalName"}));
  if (type == "LoadBalancer") {
    std::set<std::string> lb;  // sorted, as sets.String.List()
    if (const auto* ing = jv::array_at(svc, {"status", "loadBalancer", "ingress"}))
      for (const auto& i : *ing) {
        auto ip = jv::string_at(i, {"ip"});
        auto host = jv::string_at(i, {"hostname"});
        if (!ip.empty()) lb.insert(std::string(ip));
        else if (!host.empty()) lb.insert(std::string(host));
      }
    std::vector<std::string> all(lb.begin(), lb.end());
    all.insert(all.end(), external.begin(), external.end());
    return all.empty() ? "<pending>" : join(all, ",");
  }
  return "<unknown>";
}

std::string service_ports(const value& svc) {
  std::vector<std::string> pieces;
  if (const auto* ports = jv::array_at(svc, {"spec", "ports"}))
    for (const auto& p : *ports) {
      std::string port = std::to_string(jv::int_at(p, {"port"}).value_or(0));
      if (auto np = jv::int_at(p, {"nodePort"}).value_or(0); np > 0) port += ":" + std::to_string(np);
      pieces.push_back(port + "/" + std::string(jv::string_at(p, {"protocol"})));
    }
  return pieces.empty() ? "<none>" : join(pieces, ",");
}

std::string host_port(std::string_view ip, int64_t port) {
  std::string host(ip);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";  // net.JoinHostPort brackets IPv6
  return host + ":" + std::to_string(port);
}

// formatEndpoints: the first three ip:port pairs, then "+ N more...".
std::string endpoints_text(const value& ep) {
  const auto* subsets = jv::array_at(ep, {"subsets"});
  if (!subsets || subsets->empty()) return "<none>";
  constexpr size_t max = 3;
  std::vector<std::string> list;
  size_t count = 0;
  auto add = [&](std::string s) {
    if (list.size() < max) list.push_back(std::move(s));
    ++count;
  };
  for (const auto& ss : *subsets) {
    const auto* addrs = jv::array_at(ss, {"addresses"});
    const auto* ports = jv::array_at(ss, {"ports"});
    if (!addrs) continue;
    if (!ports || ports->empty()) {
      for (const auto& a : *addrs) add(std::string(jv::string_at(a, {"ip"})));
    } else {
      for (const auto& port : *ports)
        for (const auto& a : *addrs) add(host_port(jv::string_at(a, {"ip"}), jv::int_at(port, {"port"}).value_or(0)));
    }
  }
  std::string text = join(list, ",");
  if (count > max) text += " + " + std::to_string(count - max) + " more...";
  return text;
}

}  // namespace

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? std::string(sep) : "") + parts[i];
  return s;
}

std::string name_of(const value& obj) { return std::string(jv::string_at(obj, {"metadata", "name"})); }

std::string age_of(const value& obj, time_point now) {
  return age_since(jv::string_at(obj, {"metadata", "creationTimestamp"}), now);
}

void node(const value& n, time_point now, array& out) {
  std::string status = "Unknown";
  if (const auto* conds = jv::array_at(n, {"status", "conditions"}))
    for (const auto& c : *conds)
      if (jv::string_at(c, {"type"}) == "Ready") status = jv::string_at(c, {"status"}) == "True" ? "Ready" : "NotReady";
  if (jv::bool_at(n, {"spec", "unschedulable"})) status += ",SchedulingDisabled";
  std::set<std::string> roles;
  if (const auto* labels = jv::object_at(n, {"metadata", "labels"}))
    for (const auto& [k, v] : *labels) {
      constexpr std::string_view prefix = "node-role.kubernetes.io/";
      if (k.starts_with(prefix) && k.size() > prefix.size()) roles.insert(std::string(k.substr(prefix.size())));
      else if (k == "kubernetes.io/role" && v.is_string() && !v.get_string().empty())
        roles.insert(std::string(v.get_string()));
    }
  std::string role_text = roles.empty() ? "<none>" : join({roles.begin(), roles.end()}, ",");
  out.push_back(json::string(name_of(n)));
  out.push_back(json::string(status));
  out.push_back(json::string(role_text));
  out.push_back(json::string(age_of(n, now)));
  out.push_back(json::string(jv::string_at(n, {"status", "nodeInfo", "kubeletVersion"})));
  out.push_back(json::string(node_address(n, "InternalIP")));
  out.push_back(json::string(node_address(n, "ExternalIP")));
  for (auto key : {"osImage", "kernelVersion", "containerRuntimeVersion"})
    out.push_back(json::string(or_default(jv::string_at(n, {"status", "nodeInfo", key}), "<unknown>")));
}

void namespace_(const value& ns, time_point now, array& out) {
  out.push_back(json::string(name_of(ns)));
  out.push_back(json::string(jv::string_at(ns, {"status", "phase"})));
  out.push_back(json::string(age_of(ns, now)));
}

void service(const value& svc, time_point now, array& out) {
  std::string cluster_ip = "<none>";
  if (const auto* ips = jv::array_at(svc, {"spec", "clusterIPs"}); ips && !ips->empty() && ips->front().is_string())
    cluster_ip = ips->front().get_string();
  else if (auto ip = jv::string_at(svc, {"spec", "clusterIP"}); !ip.empty())
    cluster_ip = ip;
  out.push_back(json::string(name_of(svc)));
  out.push_back(json::string(jv::string_at(svc, {"spec", "type"})));
  out.push_back(json::string(cluster_ip));
  out.push_back(json::string(service_external_ip(svc)));
  out.push_back(json::string(service_ports(svc)));
  out.push_back(json::string(age_of(svc, now)));
  out.push_back(json::string(format_labels(jv::object_at(svc, {"spec", "selector"}))));
}

void endpoints(const value& ep, time_point now, array& out) {
  out.push_back(json::string(name_of(ep)));
  out.push_back(json::string(endpoints_text(ep)));
  out.push_back(json::string(age_of(ep, now)));
}

void configmap(const value& cm, time_point now, array& out) {
  out.push_back(json::string(name_of(cm)));
  out.push_back(map_size(cm, "data") + map_size(cm, "binaryData"));
  out.push_back(json::string(age_of(cm, now)));
}

void secret(const value& s, time_point now, array& out) {
  out.push_back(json::string(name_of(s)));
  out.push_back(json::string(jv::string_at(s, {"type"})));
  out.push_back(map_size(s, "data"));
  out.push_back(json::string(age_of(s, now)));
}

void event(const value& e, time_point now, array& out) {
  std::string first = jv::has(e, {"firstTimestamp"}) ? age_since(jv::string_at(e, {"firstTimestamp"}), now)
                                                      : age_since(jv::string_at(e, {"eventTime"}), now);
  std::string last = jv::has(e, {"lastTimestamp"}) ? age_since(jv::string_at(e, {"lastTimestamp"}), now) : first;
  int64_t count = jv::int_at(e, {"count"}).value_or(0);
  if (jv::has(e, {"series"})) {
    last = age_since(jv::string_at(e, {"series", "lastObservedTime"}), now);
    count = jv::int_at(e, {"series", "count"}).value_or(0);
  } else if (count == 0) {
    count = 1;  // singleton events of the new API carry no count
  }
  std::string target = ascii_lowercase(jv::string_at(e, {"involvedObject", "kind"}));
  if (auto n = jv::string_at(e, {"involvedObject", "name"}); !n.empty()) target += "/" + std::string(n);
  // formatEventSource: component (or reportingController), then host (or reportingInstance) when known.
  std::string component = or_default(jv::string_at(e, {"source", "component"}), jv::string_at(e, {"reportingComponent"}));
  std::string host = or_default(jv::string_at(e, {"source", "host"}), jv::string_at(e, {"reportingInstance"}));
  std::string source = host.empty() ? component : component + ", " + host;
  std::string message(jv::string_at(e, {"message"}));
  auto trim_start = message.find_first_not_of(" \t\n\r");
  auto trim_end = message.find_last_not_of(" \t\n\r");
  message = trim_start == std::string::npos ? "" : message.substr(trim_start, trim_end - trim_start + 1);

  out.push_back(json::string(last));
  out.push_back(json::string(jv::string_at(e, {"type"})));
  out.push_back(json::string(jv::string_at(e, {"reason"})));
  out.push_back(json::string(target));
  out.push_back(json::string(jv::string_at(e, {"involvedObject", "fieldPath"})));
  out.push_back(json::string(source));
  out.push_back(json::string(message));
  out.push_back(json::string(first));
  out.push_back(count);
  out.push_back(json::string(name_of(e)));
}

void service_account(const value& sa, time_point now, array& out) {
  const auto* secrets = jv::array_at(sa, {"secrets"});
  out.push_back(json::string(name_of(sa)));
  out.push_back(static_cast<int64_t>(secrets ? secrets->size() : 0));
  out.push_back(json::string(age_of(sa, now)));
}

void lease(const value& l, time_point now, array& out) {
  out.push_back(json::string(name_of(l)));
  out.push_back(json::string(jv::string_at(l, {"spec", "holderIdentity"})));
  out.push_back(json::string(age_of(l, now)));
}

void name_age(const value& obj, time_point now, array& out) {
  out.push_back(json::string(name_of(obj)));
  out.push_back(json::string(age_of(obj, now)));
}

// The default table convertor prints creationTimestamp in RFC 3339, UTC; a missing one is Go's zero time.
void name_created_at(const value& obj, time_point, array& out) {
  out.push_back(json::string(name_of(obj)));
  auto ts = jv::string_at(obj, {"metadata", "creationTimestamp"});
  out.push_back(json::string(ts.empty() ? std::string_view("0001-01-01T00:00:00Z") : ts));
}

}  // namespace navarch::api::cells
