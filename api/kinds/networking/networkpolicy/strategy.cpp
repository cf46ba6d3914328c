#include "api/kinds/networking/networkpolicy/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

bool valid_cidr(std::string_view cidr) {
  auto slash = cidr.find('/');
  if (slash == std::string_view::npos || !check_ip(cidr.substr(0, slash)).empty()) return false;
  auto bits = cidr.substr(slash + 1);
  if (bits.empty() || bits.size() > 3) return false;
  int n = 0;
  for (char c : bits) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  return n <= (cidr.substr(0, slash).find(':') != std::string_view::npos ? 128 : 32);
}

void validate_port(const json::value& p, const std::string& path, field_errors& errs) {
  if (jv::has(p, {"protocol"})) {
    auto proto = jv::string_at(p, {"protocol"});
    if (proto != "TCP" && proto != "UDP" && proto != "SCTP")
      errs.push_back(not_supported(path + ".protocol", proto, {"TCP", "UDP", "SCTP"}));
  }
  const auto* port = jv::at(p, {"port"});
  auto end_port = jv::int_at(p, {"endPort"});
  if (!port || port->is_null()) {
    if (end_port) errs.push_back(invalid(path + ".endPort", *end_port, "may not be specified when `port` is not specified"));
    return;
  }
  if (port->is_string()) {
    if (end_port)
      errs.push_back(invalid(path + ".endPort", *end_port, "may not be specified when `port` is non-numeric"));
    for (const auto& m : check_port_name(port->get_string())) errs.push_back(invalid(path + ".port", port->get_string(), m));
    return;
  }
  int64_t number = jv::int_at(*port, {}).value_or(0);
  for (const auto& m : check_port_number(number)) errs.push_back(invalid(path + ".port", number, m));
  if (end_port) {
    if (*end_port < number) errs.push_back(invalid(path + ".endPort", number, "must be greater than or equal to `port`"));
    for (const auto& m : check_port_number(*end_port)) errs.push_back(invalid(path + ".endPort", *end_port, m));
  }
}

void validate_peer(const json::value& peer, const std::string& path, field_errors& errs) {
  int peers = 0;
  for (auto key : {"podSelector", "namespaceSelector"})
    if (const auto* sel = jv::at(peer, {key}); sel && !sel->is_null()) {
      ++peers;
      validate_label_selector(sel, path + "." + key, errs);
    }
  bool has_block = jv::has(peer, {"ipBlock"});
  if (has_block) {
    ++peers;
    auto cidr = jv::string_at(peer, {"ipBlock", "cidr"});
    if (cidr.empty()) errs.push_back(required(path + ".ipBlock.cidr"));
    else if (!valid_cidr(cidr))
      errs.push_back(invalid(path + ".ipBlock.cidr", cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  }
  if (peers == 0) errs.push_back(required(path, "must specify a peer"));
  else if (peers > 1 && has_block) errs.push_back(forbidden(path, "may not specify both ipBlock and another peer"));
}

void validate_rules(const json::value& np, std::string_view direction, std::string_view peers_key, field_errors& errs) {
  const auto* rules = jv::array_at(np, {"spec", direction});
  if (!rules) return;
  for (size_t i = 0; i < rules->size(); ++i) {
    std::string rp = index_path("spec." + std::string(direction), i);
    if (const auto* ports = jv::array_at((*rules)[i], {"ports"}))
      for (size_t j = 0; j < ports->size(); ++j) validate_port((*ports)[j], index_path(rp + ".ports", j), errs);
    if (const auto* peers = jv::array_at((*rules)[i], {peers_key}))
      for (size_t j = 0; j < peers->size(); ++j)
        validate_peer((*peers)[j], index_path(rp + "." + std::string(peers_key), j), errs);
  }
}

void validate(const json::value& np, field_errors& errs) {
  validate_label_selector(jv::at(np, {"spec", "podSelector"}), "spec.podSelector", errs);
  validate_rules(np, "ingress", "from", errs);
  validate_rules(np, "egress", "to", errs);
  const auto* types = jv::array_at(np, {"spec", "policyTypes"});
  if (!types) return;
  if (types->size() > 2) {
    errs.push_back(invalid_raw("spec.policyTypes", json::serialize(*types), "may not specify more than two policyTypes"));
    return;
  }
  for (size_t i = 0; i < types->size(); ++i) {
    std::string_view t = (*types)[i].is_string() ? std::string_view((*types)[i].get_string()) : std::string_view();
    if (t != "Ingress" && t != "Egress") errs.push_back(not_supported(index_path("spec.policyTypes", i), t, {"Ingress", "Egress"}));
  }
}

// SetDefaults_NetworkPolicy: policyTypes from the rules present; ports default to TCP.
void defaults(json::object& np) {
  auto& spec = child(np, "spec");
  const auto* types = jv::array_at(spec, {"policyTypes"});
  if (!types || types->empty()) {
    json::array t{"Ingress"};
    if (const auto* egress = jv::array_at(spec, {"egress"}); egress && !egress->empty()) t.push_back("Egress");
    spec["policyTypes"] = std::move(t);
  }
  for (auto direction : {"ingress", "egress"})
    for_each_object(spec, direction, [](json::object& rule) {
      for_each_object(rule, "ports", [](json::object& port) { set_default(port, "protocol", "TCP"); });
    });
}

void cells_of(const json::value& np, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(np)));
  out.push_back(json::string(cells::label_selector_text(jv::at(np, {"spec", "podSelector"}))));
  out.push_back(json::string(cells::age_of(np, now)));
}

}  // namespace

kind_strategy network_policy_strategy() {
  kind_strategy s;
  s.group = "networking.k8s.io";
  s.kind = "NetworkPolicy";
  s.plural = "networkpolicies";
  s.singular = "networkpolicy";
  s.short_names = {"netpol"};
  s.defaults = defaults;
  s.validate = validate;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("Pod-Selector", "Selects the pods to which this NetworkPolicy object applies. The array of "
                                     "ingress rules is applied to any pods selected by this field. Multiple network "
                                     "policies can select the same set of pods. In this case, the ingress rules for "
                                     "each are combined additively. This field is NOT optional and follows standard "
                                     "label selector semantics. An empty podSelector matches all pods in this "
                                     "namespace."),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
