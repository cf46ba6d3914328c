#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/kubelet/core/pod_inputs.hpp"

using namespace navarch::kubelet;
namespace json = boost::json;

namespace {

json::object pod() {
  return json::parse(R"({"metadata":{"name":"web","namespace":"prod","uid":"u1","labels":{"app":"web"}},
    "spec":{"nodeName":"n1","containers":[{"name":"c","resources":{"limits":{"memory":"64Mi"}},
      "envFrom":[{"configMapRef":{"name":"cfg"},"prefix":"CFG_"}],
      "env":[{"name":"PLAIN","value":"v"},
             {"name":"FROM_CM","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"mode"}}},
             {"name":"FROM_SECRET","valueFrom":{"secretKeyRef":{"name":"creds","key":"password"}}},
             {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
             {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
             {"name":"IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
             {"name":"MEM","valueFrom":{"resourceFieldRef":{"resource":"limits.memory"}}}]}],
    "volumes":[{"name":"scratch","emptyDir":{}},{"name":"host","hostPath":{"path":"/var/data"}},
               {"name":"conf","configMap":{"name":"cfg","items":[{"key":"mode","path":"settings/mode"}]}},
               {"name":"keys","secret":{"secretName":"creds"}},
               {"name":"info","downwardAPI":{"items":[{"path":"labels-app","fieldRef":{"fieldPath":"metadata.labels['app']"}}]}}]}})")
      .as_object();
}

pod_inputs inputs() {
  pod_inputs in;
  in.config_maps["cfg"] = json::parse(R"({"data":{"mode":"fast","level":"3"}})").as_object();
  in.secrets["creds"] = json::parse(R"({"data":{"password":"czNjcjN0"}})").as_object();  // "s3cr3t"
  in.pod_ip = "10.244.0.7";
  return in;
}

std::string env_value(const std::vector<env_entry>& env, const std::string& name) {
  for (const auto& e : env)
    if (e.name == name) return e.value;
  return "<unset>";
}

}  // namespace

TEST(PodInputs, ReferencesAndEnvironment) {
  auto p = pod();
  auto refs = references_of(p);
  EXPECT_EQ(refs.config_maps, std::set<std::string>{"cfg"});
  EXPECT_EQ(refs.secrets, std::set<std::string>{"creds"});
  auto env = container_env(p, p["spec"].as_object()["containers"].as_array()[0].as_object(), inputs());
  ASSERT_TRUE(std::holds_alternative<std::vector<env_entry>>(env)) << std::get<std::string>(env);
  auto& e = std::get<std::vector<env_entry>>(env);
  EXPECT_EQ(env_value(e, "CFG_mode"), "fast");
  EXPECT_EQ(env_value(e, "CFG_level"), "3");
  EXPECT_EQ(env_value(e, "PLAIN"), "v");
  EXPECT_EQ(env_value(e, "FROM_CM"), "fast");
  EXPECT_EQ(env_value(e, "FROM_SECRET"), "s3cr3t");
  EXPECT_EQ(env_value(e, "POD"), "web");
  EXPECT_EQ(env_value(e, "APP"), "web");
  EXPECT_EQ(env_value(e, "IP"), "10.244.0.7");
  EXPECT_EQ(env_value(e, "MEM"), "64Mi");
}

TEST(PodInputs, VolumesAndMissingObjects) {
  auto p = pod();
  auto vols = pod_volumes(p, inputs());
  ASSERT_TRUE((std::holds_alternative<std::map<std::string, volume_source>>(vols)));
  auto& v = std::get<std::map<std::string, volume_source>>(vols);
  EXPECT_EQ(v["scratch"].type, volume_source::kind::empty_dir);
  EXPECT_EQ(v["host"].host_path, "/var/data");
  EXPECT_EQ(v["conf"].files, (std::map<std::string, std::string>{{"settings/mode", "fast"}}));
  EXPECT_EQ(v["keys"].files["password"], "s3cr3t");
  EXPECT_EQ(v["info"].files["labels-app"], "web");

  pod_inputs none;
  auto missing = pod_volumes(p, none);
  ASSERT_TRUE(std::holds_alternative<std::string>(missing));
  EXPECT_EQ(std::get<std::string>(missing), "configmap \"cfg\" not found");
  auto env = container_env(p, p["spec"].as_object()["containers"].as_array()[0].as_object(), none);
  EXPECT_EQ(std::get<std::string>(env), "configmap \"cfg\" not found");
}
