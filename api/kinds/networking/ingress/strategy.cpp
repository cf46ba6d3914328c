#include "api/kinds/networking/ingress/strategy.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

// A host is a DNS subdomain, or "*." and one; never an IP address.
void validate_host(std::string_view host, const std::string& path, field_errors& errs) {
  if (host.empty()) return;
  if (check_ip(host).empty()) errs.push_back(invalid(path, host, "must be a DNS name, not an IP address"));
  if (host.find('*') != std::string_view::npos) {
    if (!host.starts_with("*.") || !check_dns1123_subdomain(host.substr(2)).empty())
      errs.push_back(invalid(path, host,
                             "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, "
                             "which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
                             "alphanumeric character (e.g. '*.example.com', regex used for validation is "
                             "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    return;
  }
  for (const auto& m : check_dns1123_subdomain(host)) errs.push_back(invalid(path, host, m));
}

void validate_backend(const json::value& b, const std::string& path, field_errors& errs) {
  bool has_resource = jv::has(b, {"resource"});
  bool has_service = jv::has(b, {"service"});
  if (has_resource && has_service) {
    errs.push_back(invalid(path, "", "cannot set both resource and service backends"));
    return;
  }
  if (has_resource) {
    if (jv::string_at(b, {"resource", "kind"}).empty()) errs.push_back(required(path + ".resource.kind", "kind is required"));
    if (jv::string_at(b, {"resource", "name"}).empty()) errs.push_back(required(path + ".resource.name", "name is required"));
    return;
  }
  if (!has_service) {
    errs.push_back(invalid(path, "", "resource or service backend is required"));
    return;
  }
  auto name = jv::string_at(b, {"service", "name"});
  if (name.empty()) errs.push_back(required(path + ".service.name"));
  else
    for (const auto& m : check_dns1035_label(name)) errs.push_back(invalid(path + ".service.name", name, m));
  auto port_name = jv::string_at(b, {"service", "port", "name"});
  auto port_number = jv::int_at(b, {"service", "port", "number"}).value_or(0);
  if (!port_name.empty() && port_number != 0) {
    errs.push_back(invalid(path, "", "cannot set both port name & port number"));
  } else if (!port_name.empty()) {
    for (const auto& m : check_port_name(port_name)) errs.push_back(invalid(path + ".service.port.name", port_name, m));
  } else if (port_number != 0) {
    for (const auto& m : check_port_number(port_number))
      errs.push_back(invalid(path + ".service.port.number", port_number, m));
  } else {
    errs.push_back(required(path, "port name or number is required"));
  }
}

void validate_path(const json::value& p, const std::string& path, field_errors& errs) {
  if (!jv::has(p, {"pathType"})) {
    errs.push_back(required(path + ".pathType", "pathType must be specified"));
    return;
  }
  auto type = jv::string_at(p, {"pathType"});
  auto url = jv::string_at(p, {"path"});
  if (type == "Exact" || type == "Prefix") {
    if (!url.starts_with("/")) errs.push_back(invalid(path + ".path", url, "must be an absolute path"));
    for (std::string_view bad : {"//", "/./", "/../", "%2f", "%2F"})
      if (url.find(bad) != std::string_view::npos)
        errs.push_back(invalid(path + ".path", url, "must not contain '" + std::string(bad) + "'"));
    for (std::string_view bad : {"/..", "/."})
      if (url.ends_with(bad)) errs.push_back(invalid(path + ".path", url, "cannot end with '" + std::string(bad) + "'"));
  } else if (type == "ImplementationSpecific") {
    if (!url.empty() && !url.starts_with("/")) errs.push_back(invalid(path + ".path", url, "must be an absolute path"));
  } else {
    errs.push_back(not_supported(path + ".pathType", type, {"Exact", "ImplementationSpecific", "Prefix"}));
  }
  validate_backend(jv::at(p, {"backend"}) ? *jv::at(p, {"backend"}) : json::value(json::object{}), path + ".backend",
                   errs);
}

void validate(const json::value& ing, field_errors& errs) {
  const auto* rules = jv::array_at(ing, {"spec", "rules"});
  if ((!rules || rules->empty()) && !jv::has(ing, {"spec", "defaultBackend"}))
    errs.push_back(invalid_raw("spec", "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"));
  if (const auto* b = jv::at(ing, {"spec", "defaultBackend"}); b && !b->is_null())
    validate_backend(*b, "spec.defaultBackend", errs);
  if (rules)
    for (size_t i = 0; i < rules->size(); ++i) {
      std::string rp = index_path("spec.rules", i);
      validate_host(jv::string_at((*rules)[i], {"host"}), rp + ".host", errs);
      if (!jv::has((*rules)[i], {"http"})) continue;
      const auto* paths = jv::array_at((*rules)[i], {"http", "paths"});
      if (!paths || paths->empty()) errs.push_back(required(rp + ".http.paths"));
      else
        for (size_t j = 0; j < paths->size(); ++j) validate_path((*paths)[j], index_path(rp + ".http.paths", j), errs);
    }
  if (const auto* tls = jv::array_at(ing, {"spec", "tls"}))
    for (size_t i = 0; i < tls->size(); ++i)
      if (const auto* hosts = jv::array_at((*tls)[i], {"hosts"}))
        for (size_t j = 0; j < hosts->size(); ++j)
          if ((*hosts)[j].is_string())
            validate_host((*hosts)[j].get_string(), index_path(index_path("spec.tls", i) + ".hosts", j), errs);
  if (jv::has(ing, {"spec", "ingressClassName"})) {
    auto cls = jv::string_at(ing, {"spec", "ingressClassName"});
    for (const auto& m : check_dns1123_subdomain(cls)) errs.push_back(invalid("spec.ingressClassName", cls, m));
  }
}

// ValidateIngressCreate: the legacy class annotation and the class field may not both be set (checked on update
// too here: the strategy has one validation for both).
void validate_class_annotation(const json::value& ing, field_errors& errs) {
  auto annotation = jv::string_at(ing, {"metadata", "annotations", "kubernetes.io/ingress.class"});
  if (jv::has(ing, {"spec", "ingressClassName"}) && !annotation.empty())
    errs.push_back(invalid("annotations.kubernetes.io/ingress.class", annotation,
                           "can not be set when the class field is also set"));
}

// ingressLoadBalancerStatusStringer: sorted unique IPs or hostnames, cut to 16 characters (the server prints wide,
// so uncut).
std::string address_of(const json::value& ing) {
  std::set<std::string> result;
  if (const auto* list = jv::array_at(ing, {"status", "loadBalancer", "ingress"}))
    for (const auto& i : *list) {
      auto ip = jv::string_at(i, {"ip"});
      auto host = jv::string_at(i, {"hostname"});
      if (!ip.empty()) result.insert(std::string(ip));
      else if (!host.empty()) result.insert(std::string(host));
    }
  return cells::join({result.begin(), result.end()}, ",");
}

std::string hosts_of(const json::value& ing) {
  const auto* rules = jv::array_at(ing, {"spec", "rules"});
  std::vector<std::string> list;
  constexpr size_t max = 3;
  bool more = false;
  if (rules)
    for (const auto& r : *rules) {
      if (list.size() == max) more = true;
      auto host = jv::string_at(r, {"host"});
      if (!more && !host.empty()) list.emplace_back(host);
    }
  if (list.empty()) return "*";
  std::string text = cells::join(list, ",");
  if (more) text += " + " + std::to_string(rules->size() - max) + " more...";
  return text;
}

void cells_of(const json::value& ing, std::chrono::system_clock::time_point now, json::array& out) {
  const auto* tls = jv::array_at(ing, {"spec", "tls"});
  out.push_back(json::string(cells::name_of(ing)));
  out.push_back(json::string(jv::has(ing, {"spec", "ingressClassName"}) ? jv::string_at(ing, {"spec", "ingressClassName"})
                                                                         : std::string_view("<none>")));
  out.push_back(json::string(hosts_of(ing)));
  out.push_back(json::string(address_of(ing)));
  out.push_back(json::string(tls && !tls->empty() ? "80, 443" : "80"));
  out.push_back(json::string(cells::age_of(ing, now)));
}

}  // namespace

kind_strategy ingress_strategy() {
  kind_strategy s;
  s.group = "networking.k8s.io";
  s.kind = "Ingress";
  s.plural = "ingresses";
  s.singular = "ingress";
  s.short_names = {"ing"};
  s.has_status = true;
  s.prepare_for_create = clear_status;
  s.validate = [](const json::value& ing, field_errors& errs) {
    validate(ing, errs);
    validate_class_annotation(ing, errs);
  };
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("Class", "The name of the IngressClass resource that should be used for additional configuration"),
              column("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
              column("Address", "Address is a list containing ingress points for the load-balancer"),
              column("Ports", "Ports of TLS configurations that open"), age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
