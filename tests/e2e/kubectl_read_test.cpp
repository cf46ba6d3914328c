// Reading the cluster with kubectl: version, discovery, health, get in every output form, describe.
#include <boost/json.hpp>

#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

std::string text(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : "<not a string: " + boost::json::serialize(v) + ">";
}

class KubectlRead : public KubectlTest {};

TEST_P(KubectlRead, VersionReportsServer133AndDispatcherPicksMatchingClient) {
  auto r = kubectl({"version"});
  EXPECT_KUBECTL_OK(r);
  EXPECT_TRUE(contains_match(r.out, R"(Server Version: .*v1\.33\.)")) << r;
  EXPECT_TRUE(contains_match(r.out, R"(Client Version: .*v1\.)" + std::to_string(GetParam().minor) + R"(\.)")) << r;
}

TEST_P(KubectlRead, ApiResourcesListsShortNames) {
  auto r = kubectl({"api-resources"});
  ASSERT_KUBECTL_OK(r);
  EXPECT_TRUE(contains_match(r.out, R"(^pods\s+po\s+v1\s+true\s+Pod\s*$)")) << r;
  EXPECT_TRUE(contains_match(r.out, R"(^deployments\s+deploy\s+apps/v1\s+true\s+Deployment\s*$)")) << r;
  EXPECT_TRUE(contains_match(r.out, R"(^namespaces\s+ns\s+v1\s+false\s+Namespace\s*$)")) << r;
}

TEST_P(KubectlRead, HealthzSaysOk) {
  auto r = kubectl({"get", "--raw", "/healthz"});
  EXPECT_KUBECTL_OK(r);
  EXPECT_EQ(r.out.substr(0, r.out.find_last_not_of('\n') + 1), "ok") << r;
}

TEST_P(KubectlRead, BuiltInNamespacesExistAndAreActive) {
  auto r = kubectl({"get", "namespaces"});
  ASSERT_KUBECTL_OK(r);
  EXPECT_TRUE(contains_match(r.out, R"(^NAME\s+STATUS\s+AGE\s*$)")) << r;
  for (const char* name : {"default", "kube-system", "kube-public", "kube-node-lease"})
    EXPECT_TRUE(contains_match(r.out, std::string("^") + name + R"(\s+Active\s+\S+\s*$)")) << name << "\n" << r;
}

TEST_P(KubectlRead, LocalNodeRegistersReadyWithItsLease) {
  ASSERT_KUBECTL_OK(kubectl({"wait", "--for=condition=Ready", "node", "--all", "--timeout=20s"}));
  auto r = kubectl({"get", "nodes", "-o", "wide"});
  ASSERT_KUBECTL_OK(r);
  EXPECT_TRUE(contains_match(r.out, R"(^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP)")) << r;
  EXPECT_TRUE(contains_match(r.out, R"(^\S+\s+Ready\s+<none>\s+\S+\s+v1\.31\.0\s+127\.0\.0\.1\s)")) << r;
  auto node = kubectl({"get", "nodes", "-o", "jsonpath={.items[0].metadata.name}"});
  ASSERT_KUBECTL_OK(node);
  auto lease = kubectl({"get", "lease", "-n", "kube-node-lease", node.out, "-o", "jsonpath={.spec.holderIdentity}"});
  EXPECT_KUBECTL_OK(lease);
  EXPECT_EQ(lease.out, node.out);
  auto capacity = kubectl({"get", "node", node.out, "-o", "jsonpath={.status.capacity.pods}"});
  EXPECT_EQ(capacity.out, "110");
}

TEST_P(KubectlRead, GetPodShowsTableAndUid) {
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", (examples_dir() / "pod.yaml").string()}));
  auto table = in_ns({"get", "pods"});
  ASSERT_KUBECTL_OK(table);
  EXPECT_TRUE(contains_match(table.out, R"(^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s*$)")) << table;
  EXPECT_TRUE(contains_match(table.out, R"(^hello\s+\d/1\s+\S+)")) << table;
  EXPECT_TRUE(contains_match(jsonpath("pod", "hello", "{.metadata.uid}"),
                             "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
  EXPECT_TRUE(contains_match(jsonpath("pod", "hello", "{.metadata.creationTimestamp}"),
                             R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)"));
}

TEST_P(KubectlRead, DescribePodAndDeployment) {
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", (examples_dir() / "pod.yaml").string()}));
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", (examples_dir() / "deployment.yaml").string()}));
  auto pod = in_ns({"describe", "pod", "hello"});
  ASSERT_KUBECTL_OK(pod);
  EXPECT_TRUE(contains_match(pod.out, R"(^Name:\s+hello\s*$)")) << pod;
  EXPECT_TRUE(contains_match(pod.out, R"(^Namespace:\s+)" + ns() + R"(\s*$)")) << pod;
  EXPECT_TRUE(contains_match(pod.out, R"(^Labels:\s+app=hello\s*$)")) << pod;
  EXPECT_TRUE(contains_match(pod.out, R"(Image:\s+busybox)")) << pod;
  auto deploy = in_ns({"describe", "deployment", "web"});
  ASSERT_KUBECTL_OK(deploy);
  EXPECT_TRUE(contains_match(deploy.out, R"(^Name:\s+web\s*$)")) << deploy;
  EXPECT_TRUE(contains_match(deploy.out, R"(^Replicas:\s+2 desired)")) << deploy;
  EXPECT_TRUE(contains_match(deploy.out, R"(^Selector:\s+app=web\s*$)")) << deploy;
}

TEST_P(KubectlRead, ExamplesApplyAndShowUpInGetAll) {
  auto apply = in_ns({"apply", "-f", examples_dir().string()});
  ASSERT_KUBECTL_OK(apply);
  for (const char* line : {"configmap/web-config created", "deployment.apps/web created", "pod/hello created",
                           "service/web created"})
    EXPECT_NE(apply.out.find(line), std::string::npos) << line << "\n" << apply;
  auto all = in_ns({"get", "all"});
  ASSERT_KUBECTL_OK(all);
  EXPECT_TRUE(contains_match(all.out, R"(^pod/hello\s)")) << all;
  EXPECT_TRUE(contains_match(all.out, R"(^service/web\s+ClusterIP\s)")) << all;
  EXPECT_TRUE(contains_match(all.out, R"(^deployment\.apps/web\s)")) << all;
  EXPECT_EQ(all.out.find("configmap/"), std::string::npos) << "configmaps are not in category all\n" << all;
}

TEST_P(KubectlRead, WideOutputShowsExtraDeploymentColumns) {
  ASSERT_KUBECTL_OK(in_ns({"create", "deployment", "web", "--image=nginx:1.27"}));
  auto r = in_ns({"get", "deployments", "-o", "wide"});
  ASSERT_KUBECTL_OK(r);
  EXPECT_TRUE(contains_match(r.out, R"(^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\s*$)"))
      << r;
  EXPECT_TRUE(contains_match(r.out, R"(^web\s+\d+/1\s+\d+\s+\d+\s+\S+\s+nginx\s+nginx:1\.27\s+app=web\s*$)")) << r;
}

// Three configmaps: a (k=2, e2e=out, tier=x), b (k=1, e2e=out), c (no labels).
class KubectlSelect : public KubectlTest {
protected:
  void SetUp() override {
    KubectlTest::SetUp();
    if (HasFatalFailure())
      return;
    ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "a", "--from-literal=k=2"}));
    ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "b", "--from-literal=k=1"}));
    ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "c", "--from-literal=k=3"}));
    ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "a", "b", "e2e=out"}));
    ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "a", "tier=x"}));
  }

  std::string names(const std::vector<std::string>& args) {
    std::vector<std::string> full{"get", "configmaps", "-o", "name"};
    full.insert(full.end(), args.begin(), args.end());
    auto r = in_ns(full);
    EXPECT_KUBECTL_OK(r);
    return r.out;
  }
};

TEST_P(KubectlSelect, LabelSelectors) {
  EXPECT_EQ(names({"-l", "e2e=out"}), "configmap/a\nconfigmap/b\n");
  EXPECT_EQ(names({"-l", "e2e=out,tier=x"}), "configmap/a\n");
  EXPECT_EQ(names({"-l", "e2e in (out),tier!=x"}), "configmap/b\n");
  EXPECT_EQ(names({"-l", "e2e,!tier"}), "configmap/b\n");
  EXPECT_EQ(names({"-l", "e2e=nothing"}), "");
}

TEST_P(KubectlSelect, FieldSelectors) {
  EXPECT_EQ(names({"--field-selector", "metadata.name=b"}), "configmap/b\n");
  EXPECT_EQ(names({"--field-selector", "metadata.name!=b", "-l", "e2e=out"}), "configmap/a\n");
  EXPECT_EQ(names({"--field-selector", "metadata.namespace=" + ns(), "-l", "tier=x"}), "configmap/a\n");
}

TEST_P(KubectlSelect, ShowLabelsAndAllNamespaces) {
  auto labels = in_ns({"get", "configmap", "a", "--show-labels"});
  ASSERT_KUBECTL_OK(labels);
  EXPECT_TRUE(contains_match(labels.out, R"(^NAME\s+DATA\s+AGE\s+LABELS\s*$)")) << labels;
  EXPECT_TRUE(contains_match(labels.out, R"(^a\s+1\s+\S+\s+e2e=out,tier=x\s*$)")) << labels;
  auto all = kubectl({"get", "configmaps", "-A", "-l", "e2e=out"});
  ASSERT_KUBECTL_OK(all);
  EXPECT_TRUE(contains_match(all.out, R"(^NAMESPACE\s+NAME\s+DATA\s+AGE\s*$)")) << all;
  EXPECT_TRUE(contains_match(all.out, "^" + ns() + R"(\s+a\s+1\s)")) << all;
  EXPECT_TRUE(contains_match(all.out, "^" + ns() + R"(\s+b\s+1\s)")) << all;
}

TEST_P(KubectlSelect, SortByNeedsFullObjects) {
  auto r = in_ns({"get", "configmaps", "-l", "e2e=out", "--sort-by=.data.k"});
  ASSERT_KUBECTL_OK(r);
  auto b = r.out.find("\nb "), a = r.out.find("\na ");
  ASSERT_NE(a, std::string::npos) << r;
  ASSERT_NE(b, std::string::npos) << r;
  EXPECT_LT(b, a) << "b (k=1) sorts before a (k=2)\n" << r;
}

TEST_P(KubectlSelect, YamlJsonAndName) {
  auto yaml = in_ns({"get", "configmap", "a", "-o", "yaml"});
  ASSERT_KUBECTL_OK(yaml);
  EXPECT_TRUE(contains_match(yaml.out, "^kind: ConfigMap$")) << yaml;
  EXPECT_TRUE(contains_match(yaml.out, "^apiVersion: v1$")) << yaml;
  EXPECT_TRUE(contains_match(yaml.out, "^  name: a$")) << yaml;
  EXPECT_TRUE(contains_match(yaml.out, "^  namespace: " + ns() + "$")) << yaml;
  EXPECT_TRUE(contains_match(yaml.out, R"(^  k: "2"$)")) << yaml;

  auto json = in_ns({"get", "configmaps", "-l", "e2e=out", "-o", "json"});
  ASSERT_KUBECTL_OK(json);
  boost::system::error_code ec;
  auto doc = boost::json::parse(json.out, ec);
  ASSERT_FALSE(ec) << ec.message() << "\n" << json;
  ASSERT_TRUE(doc.is_object()) << json;
  EXPECT_EQ(text(doc.at("kind")), "List") << json;
  const auto& items = doc.at("items").as_array();
  ASSERT_EQ(items.size(), 2u) << json;
  EXPECT_EQ(text(items[0].at("metadata").at("name")), "a") << json;
  EXPECT_EQ(text(items[1].at("metadata").at("name")), "b") << json;
  for (const auto& item : items) {
    const auto& meta = item.at("metadata").as_object();
    EXPECT_TRUE(meta.contains("uid") && meta.contains("resourceVersion") && meta.contains("creationTimestamp"))
        << json;
    EXPECT_EQ(text(item.at("kind")), "ConfigMap") << json;
  }
  EXPECT_EQ(names({"c"}), "configmap/c\n");
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlRead, ::testing::ValuesIn(kubectl_clients()), client_test_name);
INSTANTIATE_TEST_SUITE_P(Clients, KubectlSelect, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
