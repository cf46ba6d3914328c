// ClusterIP allocation for Services: each IP of 10.96.0.0/12 in use is a key in the store, claimed in the same
// transaction that creates the Service and released in the one that deletes it, so two Services never share one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

namespace navarch::api {

inline constexpr std::string_view service_ip_prefix = "/registry/serviceips/";

std::string service_ip_key(std::string_view ip);

// Assigns spec.clusterIP(s) to a new Service that needs one (not ExternalName, not headless) and returns the
// store key to claim; the caller retries with a fresh pick when the claim fails. An IP the user asked for is
// kept (and checked to lie in the range: nullopt plus `error` otherwise).
struct ip_assignment {
  std::optional<std::string> claim_key;
  bool requested = false;  // the user chose the IP: a taken IP is an error, not a retry
  std::string error;       // for a 422 on spec.clusterIPs
};
ip_assignment assign_cluster_ip(boost::json::object& service);

// The claim key of a stored Service, if it holds an allocated IP.
std::optional<std::string> allocated_ip_key(const boost::json::object& service);

}  // namespace navarch::api
