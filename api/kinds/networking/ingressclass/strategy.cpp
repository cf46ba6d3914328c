#include "api/kinds/networking/ingressclass/strategy.hpp"

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

constexpr size_t max_controller_length = 250;

bool http_path_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("/-._~%!$&'()*+,;=:").find(c) != std::string_view::npos;
}

// IsDomainPrefixedPath: "acme.io/foo".
void validate_controller(std::string_view controller, field_errors& errs) {
  const std::string path = "spec.controller";
  if (controller.size() > max_controller_length) errs.push_back(too_long(path, max_controller_length));
  if (controller.empty()) {
    errs.push_back(required(path));
    return;
  }
  auto slash = controller.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == controller.size()) {
    errs.push_back(invalid(path, controller, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
    return;
  }
  auto host = controller.substr(0, slash);
  for (const auto& m : check_dns1123_subdomain(host)) errs.push_back(invalid(path, host, m));
  auto rest = controller.substr(slash + 1);
  for (char c : rest)
    if (!http_path_char(c)) {
      errs.push_back(invalid(path, rest,
                             "must be a valid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
      return;
    }
}

void validate_parameters(const json::value& ic, field_errors& errs) {
  const auto* params = jv::at(ic, {"spec", "parameters"});
  if (!params || params->is_null()) return;
  const std::string path = "spec.parameters";
  if (jv::has(*params, {"apiGroup"})) {
    auto group = jv::string_at(*params, {"apiGroup"});
    for (const auto& m : check_dns1123_subdomain(group)) errs.push_back(invalid(path + ".apiGroup", group, m));
  }
  for (auto key : {"kind", "name"}) {
    auto v = jv::string_at(*params, {key});
    if (v.empty()) errs.push_back(required(path + "." + key, std::string(key) + " is required"));
    else
      for (const auto& m : name_is_path_segment(v, false)) errs.push_back(invalid(path + "." + key, v, m));
  }
  auto scope = jv::string_at(*params, {"scope"});
  if (scope.empty()) {
    errs.push_back(required(path + ".scope"));
  } else if (scope != "Cluster" && scope != "Namespace") {
    errs.push_back(not_supported(path + ".scope", scope, {"Cluster", "Namespace"}));
  } else if (scope == "Namespace" && !jv::has(*params, {"namespace"})) {
    errs.push_back(required(path + ".namespace", "`parameters.scope` is set to 'Namespace'"));
  } else if (scope == "Cluster" && jv::has(*params, {"namespace"})) {
    errs.push_back(forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'"));
  }
}

void defaults(json::object& ic) {
  auto spec = ic.find("spec");
  if (spec == ic.end() || !spec->value().is_object()) return;
  auto params = spec->value().as_object().find("parameters");
  if (params != spec->value().as_object().end() && params->value().is_object())
    set_default(params->value().as_object(), "scope", "Cluster");
}

void validate(const json::value& ic, field_errors& errs) {
  validate_controller(jv::string_at(ic, {"spec", "controller"}), errs);
  validate_parameters(ic, errs);
}

void validate_update(const json::value& ic, const json::value& old, field_errors& errs) {
  auto controller = jv::string_at(ic, {"spec", "controller"});
  if (controller != jv::string_at(old, {"spec", "controller"}))
    errs.push_back(field_immutable("spec.controller", controller));
}

void cells_of(const json::value& ic, std::chrono::system_clock::time_point now, json::array& out) {
  std::string parameters = "<none>";
  if (const auto* p = jv::at(ic, {"spec", "parameters"}); p && p->is_object()) {
    parameters = jv::string_at(*p, {"kind"});
    if (jv::has(*p, {"apiGroup"})) parameters += "." + std::string(jv::string_at(*p, {"apiGroup"}));
    parameters += "/" + std::string(jv::string_at(*p, {"name"}));
  }
  out.push_back(json::string(cells::name_of(ic)));
  out.push_back(json::string(jv::string_at(ic, {"spec", "controller"})));
  out.push_back(json::string(parameters));
  out.push_back(json::string(cells::age_of(ic, now)));
}

}  // namespace

kind_strategy ingress_class_strategy() {
  kind_strategy s;
  s.group = "networking.k8s.io";
  s.kind = "IngressClass";
  s.plural = "ingressclasses";
  s.singular = "ingressclass";
  s.namespaced = false;
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(), column("Controller", "Controller that is responsible for handling this class"),
              column("Parameters", "A reference to a resource with additional parameters"), age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
