#include "api/kinds/discovery/endpointslice/strategy.hpp"

#include <set>

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

constexpr size_t max_endpoints = 1000;
constexpr size_t max_addresses = 100;
constexpr size_t max_ports = 20000;

field_error too_many(std::string path, size_t actual, size_t max) {
  return field_error{field_error_type::too_many, std::move(path), std::to_string(actual),
                     "must have at most " + std::to_string(max) + " items"};
}

void validate_address(std::string_view type, std::string_view address, const std::string& path, field_errors& errs) {
  if (type == "IPv4") {
    if (!check_ip(address).empty() || address.find(':') != std::string_view::npos)
      errs.push_back(invalid(path, address, "must be a valid IPv4 address"));
  } else if (type == "IPv6") {
    if (!check_ip(address).empty() || address.find(':') == std::string_view::npos)
      errs.push_back(invalid(path, address, "must be a valid IPv6 address"));
  } else if (type == "FQDN") {
    for (const auto& m : check_dns1123_subdomain(address)) errs.push_back(invalid(path, address, m));
    if (address.find('.') == std::string_view::npos)
      errs.push_back(invalid(path, address, "should be a domain with at least two segments separated by dots"));
  }
}

void validate_endpoints(const json::value& es, field_errors& errs) {
  const auto* eps = jv::array_at(es, {"endpoints"});
  if (!eps) return;
  if (eps->size() > max_endpoints) errs.push_back(too_many("endpoints", eps->size(), max_endpoints));
  auto type = jv::string_at(es, {"addressType"});
  for (size_t i = 0; i < eps->size(); ++i) {
    std::string ep = index_path("endpoints", i);
    const auto* addrs = jv::array_at((*eps)[i], {"addresses"});
    if (!addrs || addrs->empty()) errs.push_back(required(ep + ".addresses", "must contain at least 1 address"));
    else if (addrs->size() > max_addresses) errs.push_back(too_many(ep + ".addresses", addrs->size(), max_addresses));
    if (addrs)
      for (size_t j = 0; j < addrs->size(); ++j)
        validate_address(type, (*addrs)[j].is_string() ? std::string_view((*addrs)[j].get_string()) : "",
                         index_path(ep + ".addresses", j), errs);
    if (jv::has((*eps)[i], {"nodeName"})) {
      auto node = jv::string_at((*eps)[i], {"nodeName"});
      for (const auto& m : check_dns1123_subdomain(node)) errs.push_back(invalid(ep + ".nodeName", node, m));
    }
    if (jv::has((*eps)[i], {"hostname"})) {
      auto host = jv::string_at((*eps)[i], {"hostname"});
      for (const auto& m : check_dns1123_label(host)) errs.push_back(invalid(ep + ".hostname", host, m));
    }
  }
}

void validate_ports(const json::value& es, field_errors& errs) {
  const auto* ports = jv::array_at(es, {"ports"});
  if (!ports) return;
  if (ports->size() > max_ports) errs.push_back(too_many("ports", ports->size(), max_ports));
  std::set<std::string> names;
  for (size_t i = 0; i < ports->size(); ++i) {
    std::string pp = index_path("ports", i);
    auto name = jv::string_at((*ports)[i], {"name"});
    if (!name.empty())
      for (const auto& m : check_dns1123_label(name)) errs.push_back(invalid(pp + ".name", name, m));
    if (!names.insert(std::string(name)).second) errs.push_back(duplicate(pp + ".name", name));
    validate_enum(jv::string_at((*ports)[i], {"protocol"}), pp + ".protocol", {"SCTP", "TCP", "UDP"}, errs);
    if (jv::has((*ports)[i], {"appProtocol"})) {
      auto app = jv::string_at((*ports)[i], {"appProtocol"});
      for (const auto& m : check_qualified_name(app)) errs.push_back(invalid(pp + ".appProtocol", app, m));
    }
  }
}

void validate(const json::value& es, field_errors& errs) {
  validate_endpoints(es, errs);
  validate_ports(es, errs);
  validate_enum(jv::string_at(es, {"addressType"}), "addressType", {"FQDN", "IPv4", "IPv6"}, errs);
}

void validate_update(const json::value& es, const json::value& old, field_errors& errs) {
  validate_immutable(jv::at(es, {"addressType"}), jv::at(old, {"addressType"}), "addressType", errs);
}

// SetDefaults_EndpointPort: an unnamed port is named "", protocol TCP.
void defaults(json::object& es) {
  for_each_object(es, "ports", [](json::object& p) {
    set_default(p, "name", "");
    set_default(p, "protocol", "TCP");
  });
}

// listWithMoreString: the first three, then "+ N more...", "<unset>" for none.
std::string list_with_more(const std::vector<std::string>& all) {
  constexpr size_t max = 3;
  if (all.empty()) return "<unset>";
  std::vector<std::string> shown(all.begin(), all.begin() + std::min(all.size(), max));
  std::string text = cells::join(shown, ",");
  if (all.size() > max) text += " + " + std::to_string(all.size() - max) + " more...";
  return text;
}

void cells_of(const json::value& es, std::chrono::system_clock::time_point now, json::array& out) {
  std::vector<std::string> ports, addresses;
  if (const auto* ps = jv::array_at(es, {"ports"}))
    for (const auto& p : *ps) {
      if (auto n = jv::int_at(p, {"port"})) ports.push_back(std::to_string(*n));
      else if (jv::has(p, {"name"})) ports.emplace_back(jv::string_at(p, {"name"}));
      else ports.emplace_back("*");
    }
  if (const auto* eps = jv::array_at(es, {"endpoints"}))
    for (const auto& e : *eps)
      if (const auto* addrs = jv::array_at(e, {"addresses"}))
        for (const auto& a : *addrs) addresses.emplace_back(a.is_string() ? std::string_view(a.get_string()) : "");
  out.push_back(json::string(cells::name_of(es)));
  out.push_back(json::string(jv::string_at(es, {"addressType"})));
  out.push_back(json::string(list_with_more(ports)));
  out.push_back(json::string(list_with_more(addresses)));
  out.push_back(json::string(cells::age_of(es, now)));
}

}  // namespace

kind_strategy endpoint_slice_strategy() {
  kind_strategy s;
  s.group = "discovery.k8s.io";
  s.kind = "EndpointSlice";
  s.plural = "endpointslices";
  s.singular = "endpointslice";
  s.defaults = defaults;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column("AddressType", "addressType specifies the type of address carried by this EndpointSlice. All "
                                    "addresses in this slice must be the same type. This field is immutable after "
                                    "creation. The following address types are currently supported: * IPv4: "
                                    "Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: "
                                    "Represents a Fully Qualified Domain Name."),
              column("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice. "
                              "Each port must have a unique name. When ports is empty, it indicates that there are no "
                              "defined ports. When a port is defined with a nil port value, it indicates \"all "
                              "ports\". Each slice may include a maximum of 100 ports."),
              column("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may include a "
                                  "maximum of 1000 endpoints."),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
