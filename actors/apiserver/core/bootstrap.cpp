#include "actors/apiserver/core/bootstrap.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/route.hpp"
#include "actors/apiserver/core/writes.hpp"
#include "api/registry/registry.hpp"

namespace navarch::api {

std::vector<msg::txn_request> bootstrap_transactions(clock::time_point now) {
  const kind_strategy& namespaces = *kind_registry().find("", "v1", "namespaces");
  std::vector<msg::txn_request> out;
  for (const char* name : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    route rt{&namespaces, "", "", "", "create"};
    std::string body = std::string(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")") + name + "\"}}";
    auto plan = prepare_create(rt, body, now);
    const auto& obj = std::get<write_plan>(plan).object;
    msg::txn_request txn;
    msg::compare absent;
    absent.key = object_key(namespaces, "", name);
    absent.target = msg::compare::version;
    absent.number = 0;
    txn.compares.push_back(absent);
    msg::request_op put;
    put.kind = msg::request_op::put;
    put.key = absent.key;
    put.value = boost::json::serialize(obj);
    txn.success.push_back(put);
    out.push_back(std::move(txn));
  }
  return out;
}

}  // namespace navarch::api
