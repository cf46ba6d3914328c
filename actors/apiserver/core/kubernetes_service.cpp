#include "actors/apiserver/core/kubernetes_service.hpp"

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;

std::vector<published_object> kubernetes_service_objects(const std::string& ip, uint16_t port) {
  const json::object meta{{"name", "kubernetes"},
                          {"namespace", "default"},
                          {"labels", json::object{{"component", "apiserver"}, {"provider", "kubernetes"}}}};
  json::object service{{"apiVersion", "v1"}, {"kind", "Service"}, {"metadata", meta},
                       {"spec", json::object{{"type", "ClusterIP"},
                                             {"clusterIP", kubernetes_service_ip},
                                             {"clusterIPs", json::array{kubernetes_service_ip}},
                                             {"sessionAffinity", "None"},
                                             {"ports", json::array{json::object{{"name", "https"},
                                                                                {"port", 443},
                                                                                {"protocol", "TCP"},
                                                                                {"targetPort", port}}}}}}};
  json::object endpoints{
      {"apiVersion", "v1"}, {"kind", "Endpoints"}, {"metadata", meta},
      {"subsets", json::array{json::object{
                      {"addresses", json::array{json::object{{"ip", ip}}}},
                      {"ports", json::array{json::object{{"name", "https"}, {"port", port}, {"protocol", "TCP"}}}}}}}};
  json::object slice_meta = meta;
  slice_meta["labels"] = json::object{{"kubernetes.io/service-name", "kubernetes"},
                                      {"endpointslice.kubernetes.io/managed-by", "endpointslicemirroring-controller.k8s.io"}};
  json::object slice{{"apiVersion", "discovery.k8s.io/v1"}, {"kind", "EndpointSlice"}, {"metadata", slice_meta},
                     {"addressType", "IPv4"},
                     {"endpoints", json::array{json::object{{"addresses", json::array{ip}},
                                                            {"conditions", json::object{{"ready", true}}}}}},
                     {"ports", json::array{json::object{{"name", "https"}, {"port", port}, {"protocol", "TCP"}}}}};
  return {{"", "v1", "services", std::move(service), {"spec"}},
          {"", "v1", "endpoints", std::move(endpoints), {"subsets"}},
          {"discovery.k8s.io", "v1", "endpointslices", std::move(slice), {"addressType", "endpoints", "ports"}}};
}

std::string catch_up_patch(const published_object& object, const json::object& current) {
  json::object patch;
  for (const auto& field : object.owned) {
    const auto* want = object.desired.if_contains(field);
    const auto* have = current.if_contains(field);
    if (!want) continue;
    if (field == "spec") {
      // The Service's spec also holds defaults the server filled: compare only what is published.
      json::object spec_patch;
      const auto* have_spec = have ? have->if_object() : nullptr;
      for (const auto& kv : want->as_object()) {
        const auto* h = have_spec ? have_spec->if_contains(kv.key()) : nullptr;
        if (kv.key() == "ports" || !h) {
          if (!h || *h != kv.value()) spec_patch[kv.key()] = kv.value();
        }
      }
      if (!spec_patch.empty()) patch["spec"] = std::move(spec_patch);
    } else if (!have || *have != *want) {
      patch[field] = *want;
    }
  }
  return patch.empty() ? std::string() : json::serialize(patch);
}

}  // namespace navarch::api
