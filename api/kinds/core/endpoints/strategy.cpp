#include "api/kinds/core/endpoints/strategy.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& ep, field_errors& errs) {
  const auto* subsets = jv::array_at(ep, {"subsets"});
  if (!subsets) return;
  for (size_t i = 0; i < subsets->size(); ++i) {
    const auto& ss = (*subsets)[i];
    std::string sp = index_path("subsets", i);
    for (std::string_view bag : {"addresses", "notReadyAddresses"}) {
      const auto* addrs = jv::array_at(ss, {bag});
      if (!addrs) continue;
      for (size_t j = 0; j < addrs->size(); ++j) {
        auto ip = jv::string_at((*addrs)[j], {"ip"});
        for (const auto& m : check_ip(ip))
          errs.push_back(invalid(index_path(sp + "." + std::string(bag), j) + ".ip", ip, m));
      }
    }
    if (const auto* ports = jv::array_at(ss, {"ports"}))
      for (size_t j = 0; j < ports->size(); ++j) {
        std::string pp = index_path(sp + ".ports", j);
        auto port = jv::int_at((*ports)[j], {"port"}).value_or(0);
        for (const auto& m : check_port_number(port)) errs.push_back(invalid(pp + ".port", port, m));
        validate_protocol((*ports)[j], pp, errs);
      }
  }
}

std::string host_port(std::string_view ip, int64_t port) {
  std::string host(ip);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";  // net.JoinHostPort brackets IPv6
  return host + ":" + std::to_string(port);
}

// formatEndpoints: the first three ip:port pairs, then "+ N more...".
std::string endpoints_text(const json::value& ep) {
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
  std::string text = cells::join(list, ",");
  if (count > max) text += " + " + std::to_string(count - max) + " more...";
  return text;
}

void endpoints_cells(const json::value& ep, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(ep)));
  out.push_back(json::string(endpoints_text(ep)));
  out.push_back(json::string(cells::age_of(ep, now)));
}

}  // namespace

kind_strategy endpoints_strategy() {
  kind_strategy k;
  k.kind = "Endpoints";
  k.plural = "endpoints";
  k.singular = "endpoints";
  k.short_names = {"ep"};
  k.validate = validate;
  k.smp = &patch::metadata_only;
  k.table = {{name_column(), column("Endpoints", "The set of all endpoints is the union of all subsets."), age_column()},
             endpoints_cells};
  return k;
}

}  // namespace navarch::api
