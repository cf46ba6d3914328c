#include "actors/apiserver/core/bootstrap.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/route.hpp"
#include "actors/apiserver/core/writes.hpp"
#include "api/kinds/scheduling/priorityclass/strategy.hpp"
#include "api/registry/registry.hpp"

namespace navarch::api {

namespace {

// A create of `body` as `kind` (defaults, validation) that only succeeds where the object does not exist yet.
msg::txn_request create_unless_present(const kind_strategy& kind, const std::string& name, const std::string& body,
                                       clock::time_point now) {
  route rt{&kind, "", "", "", "create", "kube-apiserver", false};
  auto plan = prepare_create(rt, body, now);
  const auto& obj = std::get<write_plan>(plan).object;
  msg::txn_request txn;
  msg::compare absent;
  absent.key = object_key(kind, "", name);
  absent.target = msg::compare::version;
  absent.number = 0;
  txn.compares.push_back(absent);
  msg::request_op put;
  put.kind = msg::request_op::put;
  put.key = absent.key;
  put.value = boost::json::serialize(obj);
  txn.success.push_back(put);
  return txn;
}

}  // namespace

std::vector<msg::txn_request> bootstrap_transactions(clock::time_point now) {
  const kind_strategy& namespaces = *kind_registry().find("", "v1", "namespaces");
  std::vector<msg::txn_request> out;
  for (const char* name : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    std::string body = std::string(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")") + name + "\"}}";
    out.push_back(create_unless_present(namespaces, name, body, now));
  }
  // The apiserver's own PriorityClasses, as Kubernetes creates them at start.
  const kind_strategy& priority_classes = *kind_registry().find("scheduling.k8s.io", "v1", "priorityclasses");
  for (const auto& pc : system_priority_classes())
    out.push_back(create_unless_present(priority_classes, std::string(pc.at("metadata").at("name").as_string()),
                                        boost::json::serialize(pc), now));
  return out;
}

}  // namespace navarch::api
