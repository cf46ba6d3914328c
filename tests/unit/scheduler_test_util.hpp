// Builders of scheduler pods and nodes from JSON text, failing the test on a parse error.
#pragma once

#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "actors/scheduler/core/node_info.hpp"
#include "actors/scheduler/core/pod_info.hpp"

namespace navarch::scheduler::test {

inline pod_info pod(const std::string& json) {
  auto r = pod_info_from_json(boost::json::parse(json));
  EXPECT_TRUE(r.ok()) << r.error;
  return r.pod;
}

inline node_info node(const std::string& json) {
  auto r = node_info_from_json(boost::json::parse(json));
  EXPECT_TRUE(r.ok()) << r.error;
  return r.node;
}

// A node with allocatable cpu, memory and pods, and optional extra JSON members for metadata and spec.
inline node_info sized_node(const std::string& name, const std::string& cpu, const std::string& memory,
                            int pods = 110, const std::string& labels = "{}", const std::string& spec = "{}") {
  return node(R"({"metadata":{"name":")" + name + R"(","labels":)" + labels + R"(},"spec":)" + spec +
              R"(,"status":{"allocatable":{"cpu":")" + cpu + R"(","memory":")" + memory + R"(","pods":")" +
              std::to_string(pods) + R"("}}})");
}

// A pod with one container requesting cpu and memory ("" leaves a request out), plus extra spec members.
inline pod_info sized_pod(const std::string& name, const std::string& cpu, const std::string& memory,
                          const std::string& extra_spec = "", const std::string& owner = "") {
  std::string requests;
  if (!cpu.empty()) requests += R"("cpu":")" + cpu + "\"";
  if (!memory.empty()) requests += std::string(requests.empty() ? "" : ",") + R"("memory":")" + memory + "\"";
  std::string meta = R"({"name":")" + name + R"(","namespace":"default")";
  if (!owner.empty())
    meta += R"(,"ownerReferences":[{"kind":"ReplicaSet","name":"rs","uid":")" + owner + R"(","controller":true}])";
  meta += "}";
  return pod(R"({"metadata":)" + meta + R"(,"spec":{)" + extra_spec + (extra_spec.empty() ? "" : ",") +
             R"("containers":[{"name":"c","image":"busybox","resources":{"requests":{)" + requests + "}}}]}}");
}

}  // namespace navarch::scheduler::test
