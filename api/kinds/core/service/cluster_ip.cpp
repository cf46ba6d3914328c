#include "api/kinds/core/service/cluster_ip.hpp"

#include <arpa/inet.h>

#include <random>

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr uint32_t range_base = (10u << 24) | (96u << 16);  // 10.96.0.0/12
constexpr uint32_t range_size = 1u << 20;

std::optional<uint32_t> parse_ipv4(std::string_view text) {
  in_addr addr{};
  if (inet_pton(AF_INET, std::string(text).c_str(), &addr) != 1) return std::nullopt;
  return ntohl(addr.s_addr);
}

std::string format_ipv4(uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." + std::to_string((ip >> 8) & 255) +
         "." + std::to_string(ip & 255);
}

std::string_view cluster_ip_of(const json::object& spec) {
  auto it = spec.find("clusterIP");
  return it != spec.end() && it->value().is_string() ? std::string_view(it->value().get_string()) : std::string_view{};
}

}  // namespace

std::string service_ip_key(std::string_view ip) { return std::string(service_ip_prefix) + std::string(ip); }

ip_assignment assign_cluster_ip(json::object& service) {
  ip_assignment out;
  auto& specv = service["spec"];
  if (!specv.is_object()) specv = json::object{};
  auto& spec = specv.as_object();
  auto type = spec.find("type");
  if (type != spec.end() && type->value() == json::value("ExternalName")) return out;
  std::string_view wanted = cluster_ip_of(spec);
  if (wanted == "None") {
    spec["clusterIPs"] = json::array{"None"};
    return out;
  }
  std::string ip;
  if (!wanted.empty()) {
    auto parsed = parse_ipv4(wanted);
    if (!parsed || *parsed < range_base || *parsed >= range_base + range_size) {
      out.error = "failed to allocate IP " + std::string(wanted) +
                  ": the provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12";
      return out;
    }
    ip = std::string(wanted);
    out.requested = true;
  } else {
    // .0 is the network and .1 is reserved for the kubernetes Service, as in Kubernetes.
    thread_local std::mt19937 gen{std::random_device{}()};
    std::uniform_int_distribution<uint32_t> pick(2, range_size - 2);
    ip = format_ipv4(range_base + pick(gen));
  }
  spec["clusterIP"] = ip;
  spec["clusterIPs"] = json::array{json::value(ip)};
  spec["ipFamilies"] = json::array{"IPv4"};
  spec["ipFamilyPolicy"] = "SingleStack";
  out.claim_key = service_ip_key(ip);
  return out;
}

std::optional<std::string> allocated_ip_key(const json::object& service) {
  auto spec = service.find("spec");
  if (spec == service.end() || !spec->value().is_object()) return std::nullopt;
  auto ip = cluster_ip_of(spec->value().as_object());
  if (ip.empty() || ip == "None") return std::nullopt;
  return service_ip_key(ip);
}

}  // namespace navarch::api
