#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/kubelet/core/node_objects.hpp"

using namespace navarch::kubelet;
namespace json = boost::json;

namespace {

machine_info machine() {
  machine_info m;
  m.cpu_millis = 4000;
  m.memory_bytes = 8LL << 30;
  m.architecture = "amd64";
  m.kernel_version = "6.1.0";
  m.os_image = "Debian GNU/Linux 12 (bookworm)";
  m.machine_id = "abc";
  return m;
}

const auto t0 = std::chrono::system_clock::time_point{} + std::chrono::seconds(1'800'000'000);

}  // namespace

TEST(KubeletNodeObjects, NodeCarriesCapacityAddressesInfoAndReadyCondition) {
  node_identity id;
  id.name = "n1";
  id.pod_cidr = "10.244.1.0/24";
  auto node = node_object(id, machine(), t0);
  EXPECT_EQ(node["metadata"].as_object()["labels"].as_object()["kubernetes.io/hostname"], "n1");
  EXPECT_EQ(node["spec"].as_object()["podCIDR"], "10.244.1.0/24");
  auto& status = node["status"].as_object();
  EXPECT_EQ(status["capacity"].as_object()["cpu"], "4");
  EXPECT_EQ(status["capacity"].as_object()["memory"], "8388608Ki");
  EXPECT_EQ(status["allocatable"].as_object()["pods"], "110");
  EXPECT_EQ(status["nodeInfo"].as_object()["kubeletVersion"], "v1.31.0");
  EXPECT_EQ(status["addresses"].as_array()[0].as_object()["address"], "127.0.0.1");
  bool ready = false;
  for (const auto& c : status["conditions"].as_array())
    if (c.as_object().at("type") == json::value("Ready")) ready = c.as_object().at("status") == json::value("True");
  EXPECT_TRUE(ready);
}

TEST(KubeletNodeObjects, ANodeWithoutRuntimeIsTaintedNoSchedule) {
  node_identity id;
  id.name = "n1";
  EXPECT_FALSE(node_object(id, machine(), t0)["spec"].as_object().contains("taints"));
  id.runs_pods = false;
  auto taints = node_object(id, machine(), t0)["spec"].as_object()["taints"].as_array();
  ASSERT_EQ(taints.size(), 1u);
  EXPECT_EQ(taints[0].as_object()["key"], no_runtime_taint);
  EXPECT_EQ(taints[0].as_object()["effect"], "NoSchedule");
}

TEST(KubeletNodeObjects, ARootlessNodeRunsPodsAndSaysHow) {
  node_identity id;
  id.name = "n1";
  EXPECT_FALSE(node_object(id, machine(), t0)["metadata"].as_object().contains("annotations"));
  id.rootless = true;
  auto node = node_object(id, machine(), t0);
  EXPECT_FALSE(node["spec"].as_object().contains("taints"));
  const auto note = node["metadata"].as_object()["annotations"].as_object()[rootless_annotation];
  ASSERT_TRUE(note.is_string());
  EXPECT_NE(std::string(note.as_string()).find("without resource limits"), std::string::npos);
}

TEST(KubeletNodeObjects, HeartbeatKeepsTransitionTimeAndLeaseUsesMicroTime) {
  node_identity id;
  id.name = "n1";
  auto later = t0 + std::chrono::seconds(30);
  auto patch = node_status_patch(id, machine(), later, t0);
  auto& ready = patch["status"].as_object()["conditions"].as_array()[3].as_object();
  EXPECT_EQ(ready["type"], "Ready");
  EXPECT_NE(ready["lastHeartbeatTime"], ready["lastTransitionTime"]);

  auto lease = node_lease("n1", 40, t0 + std::chrono::microseconds(1234));
  auto& spec = lease["spec"].as_object();
  EXPECT_EQ(spec["holderIdentity"], "n1");
  EXPECT_EQ(spec["leaseDurationSeconds"], 40);
  std::string renew(spec["renewTime"].as_string());
  EXPECT_EQ(renew.substr(renew.size() - 8), ".001234Z");
}
