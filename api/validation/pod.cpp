#include "api/validation/pod.hpp"

#include <set>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/validation/common.hpp"
#include "api/validation/names.hpp"
#include "api/validation/object_meta.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

const std::vector<std::string> restart_policies = {"Always", "OnFailure", "Never"};
const std::vector<std::string> pull_policies = {"Always", "IfNotPresent", "Never"};
const std::vector<std::string> dns_policies = {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"};

void validate_ports(const json::value& ctr, const std::string& path, field_errors& errs) {
  const auto* ports = jv::array_at(ctr, {"ports"});
  if (!ports) return;
  std::set<std::string> names;
  for (size_t i = 0; i < ports->size(); ++i) {
    const auto& p = (*ports)[i];
    std::string pp = index_path(path + ".ports", i);
    auto name = jv::string_at(p, {"name"});
    if (!name.empty()) {
      for (const auto& m : check_port_name(name)) errs.push_back(invalid(pp + ".name", name, m));
      if (!names.insert(std::string(name)).second) errs.push_back(duplicate(pp + ".name", name));
    }
    auto port = jv::int_at(p, {"containerPort"}).value_or(0);
    if (port == 0) errs.push_back(required(pp + ".containerPort"));
    else
      for (const auto& m : check_port_number(port)) errs.push_back(invalid(pp + ".containerPort", port, m));
    if (auto host = jv::int_at(p, {"hostPort"}).value_or(0); host != 0)
      for (const auto& m : check_port_number(host)) errs.push_back(invalid(pp + ".hostPort", host, m));
    // Defaulting fills in TCP; an explicit value must be one Kubernetes knows.
    if (jv::has(p, {"protocol"})) {
      auto proto = jv::string_at(p, {"protocol"});
      if (proto.empty()) errs.push_back(required(pp + ".protocol"));
      else if (!one_of(proto, port_protocols()))
        errs.push_back(not_supported(pp + ".protocol", proto, port_protocols()));
    }
  }
}

void validate_container(const json::value& ctr, const std::string& path, const std::set<std::string>& volumes,
                        field_errors& errs) {
  auto image = jv::string_at(ctr, {"image"});
  if (image.empty()) errs.push_back(required(path + ".image"));
  else if (image.find_first_of(" \t\n") == 0 || image.find_last_of(" \t\n") == image.size() - 1)
    errs.push_back(invalid(path + ".image", image, "must not have leading or trailing whitespace"));
  if (jv::has(ctr, {"imagePullPolicy"})) {
    auto pp = jv::string_at(ctr, {"imagePullPolicy"});
    if (!one_of(pp, pull_policies)) errs.push_back(not_supported(path + ".imagePullPolicy", pp, pull_policies));
  }
  validate_ports(ctr, path, errs);
  if (const auto* env = jv::array_at(ctr, {"env"}))
    for (size_t i = 0; i < env->size(); ++i)
      if (jv::string_at((*env)[i], {"name"}).empty()) errs.push_back(required(index_path(path + ".env", i) + ".name"));
  if (const auto* mounts = jv::array_at(ctr, {"volumeMounts"}))
    for (size_t i = 0; i < mounts->size(); ++i) {
      std::string mp = index_path(path + ".volumeMounts", i);
      auto name = jv::string_at((*mounts)[i], {"name"});
      if (name.empty()) errs.push_back(required(mp + ".name"));
      else if (!volumes.count(std::string(name)))
        errs.push_back(field_error{field_error_type::not_found, mp + ".name", go_quote(name), {}});
      if (jv::string_at((*mounts)[i], {"mountPath"}).empty()) errs.push_back(required(mp + ".mountPath"));
    }
}

// Containers and init containers share one name space.
void validate_containers(const json::array* list, const std::string& path, const std::set<std::string>& volumes,
                         std::set<std::string>& names, field_errors& errs) {
  if (!list) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const auto& ctr = (*list)[i];
    std::string cp = index_path(path, i);
    auto name = jv::string_at(ctr, {"name"});
    if (name.empty()) {
      errs.push_back(required(cp + ".name"));
    } else {
      for (const auto& m : check_dns1123_label(name)) errs.push_back(invalid(cp + ".name", name, m));
      if (!names.insert(std::string(name)).second) errs.push_back(duplicate(cp + ".name", name));
    }
    validate_container(ctr, cp, volumes, errs);
  }
}

std::set<std::string> validate_volumes(const json::value& spec, const std::string& path, field_errors& errs) {
  std::set<std::string> names;
  const auto* vols = jv::array_at(spec, {"volumes"});
  if (!vols) return names;
  for (size_t i = 0; i < vols->size(); ++i) {
    std::string vp = index_path(path + ".volumes", i);
    auto name = jv::string_at((*vols)[i], {"name"});
    if (name.empty()) {
      errs.push_back(required(vp + ".name"));
      continue;
    }
    for (const auto& m : check_dns1123_label(name)) errs.push_back(invalid(vp + ".name", name, m));
    if (!names.insert(std::string(name)).second) errs.push_back(duplicate(vp + ".name", name));
  }
  return names;
}

}  // namespace

void validate_pod_spec(const json::value* spec, std::string_view path_view, field_errors& errs) {
  std::string path(path_view);
  static const json::value empty = json::object{};
  const json::value& s = spec && spec->is_object() ? *spec : empty;
  auto volumes = validate_volumes(s, path, errs);
  std::set<std::string> names;
  validate_containers(jv::array_at(s, {"initContainers"}), path + ".initContainers", volumes, names, errs);
  const auto* containers = jv::array_at(s, {"containers"});
  if (!containers || containers->empty()) errs.push_back(required(path + ".containers"));
  validate_containers(containers, path + ".containers", volumes, names, errs);

  auto restart = jv::string_at(s, {"restartPolicy"});
  if (restart.empty()) errs.push_back(required(path + ".restartPolicy"));
  else if (!one_of(restart, restart_policies))
    errs.push_back(not_supported(path + ".restartPolicy", restart, restart_policies));
  if (jv::has(s, {"dnsPolicy"})) {
    auto dns = jv::string_at(s, {"dnsPolicy"});
    if (!one_of(dns, dns_policies)) errs.push_back(not_supported(path + ".dnsPolicy", dns, dns_policies));
  }
  if (auto ads = jv::int_at(s, {"activeDeadlineSeconds"}); ads && (*ads < 1 || *ads > 2147483647))
    errs.push_back(invalid(path + ".activeDeadlineSeconds", *ads, "must be between 1 and 2147483647, inclusive"));
  if (auto node = jv::string_at(s, {"nodeName"}); !node.empty())
    for (const auto& m : check_dns1123_subdomain(node)) errs.push_back(invalid(path + ".nodeName", node, m));
}

void validate_pod_template(const json::value* tmpl, std::string_view path_view,
                           const std::vector<std::string>& allowed_restart, field_errors& errs) {
  std::string path(path_view);
  if (!tmpl || !tmpl->is_object()) {
    errs.push_back(required(path));
    return;
  }
  validate_labels(jv::at(*tmpl, {"metadata", "labels"}), path + ".metadata.labels", errs);
  validate_annotations(jv::at(*tmpl, {"metadata", "annotations"}), path + ".metadata.annotations", errs);
  const auto* spec = jv::at(*tmpl, {"spec"});
  validate_pod_spec(spec, path + ".spec", errs);
  auto restart = spec ? jv::string_at(*spec, {"restartPolicy"}) : std::string_view();
  if (!restart.empty() && !one_of(restart, allowed_restart))
    errs.push_back(not_supported(path + ".spec.restartPolicy", restart, allowed_restart));
}

}  // namespace navarch::api
