// Field ownership with kubectl: managedFields on every write, server-side apply conflicts and --force-conflicts,
// the move from client-side to server-side apply; and the behaviours a new user met: immutable Service IPs,
// Secret stringData, unconditional updates, defaults, the kubernetes Service, a wrong kind posted.
#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

class KubectlFields : public KubectlTest {
protected:
  // "manager/operation" of each managedFields entry, space-separated.
  std::string managers(const std::string& type, const std::string& name) {
    auto r = in_ns({"get", type, name, "--show-managed-fields", "-o",
                    "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation} {end}"});
    EXPECT_KUBECTL_OK(r);
    return r.out;
  }
};

TEST_P(KubectlFields, EveryWriteRecordsItsManager) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "owned", "--from-literal=a=1"}));
  EXPECT_EQ(managers("configmap", "owned"), "kubectl-create/Update ");
  ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "owned", "tier=web"}));
  ASSERT_KUBECTL_OK(in_ns({"patch", "configmap", "owned", "-p", R"({"data":{"b":"2"}})"}));
  EXPECT_EQ(managers("configmap", "owned"), "kubectl-create/Update kubectl-label/Update kubectl-patch/Update ");
  auto fields = in_ns({"get", "configmap", "owned", "--show-managed-fields", "-o",
                       R"(jsonpath={.metadata.managedFields[?(@.manager=="kubectl-label")].fieldsV1})"});
  ASSERT_KUBECTL_OK(fields);
  EXPECT_EQ(fields.out, R"({"f:metadata":{"f:labels":{".":{},"f:tier":{}}}})");
}

TEST_P(KubectlFields, ServerSideApplyConflictsUntilForced) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "shared", "--from-literal=a=1"}));
  auto file = manifest("shared.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  a: \"2\"\n");
  auto refused = in_ns({"apply", "--server-side", "-f", file});
  EXPECT_KUBECTL_FAILS(refused);
  EXPECT_NE(refused.err.find(R"(Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a)"),
            std::string::npos)
      << refused;
  EXPECT_EQ(jsonpath("configmap", "shared", "{.data.a}"), "1");

  auto forced = in_ns({"apply", "--server-side", "--force-conflicts", "-f", file});
  ASSERT_KUBECTL_OK(forced);
  EXPECT_EQ(jsonpath("configmap", "shared", "{.data.a}"), "2");
  // The applier took .data.a; the creator keeps the data map it made.
  EXPECT_EQ(managers("configmap", "shared"), "kubectl-create/Update kubectl/Apply ");
  auto creator = in_ns({"get", "configmap", "shared", "--show-managed-fields", "-o",
                        R"(jsonpath={.metadata.managedFields[?(@.manager=="kubectl-create")].fieldsV1})"});
  EXPECT_EQ(creator.out, R"({"f:data":{}})");
}

TEST_P(KubectlFields, ClientSideThenServerSideApplyNeedsNoForce) {
  const std::string head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: moved\ndata:\n";
  auto file = manifest("moved.yaml", head + "  a: \"1\"\n");
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", file}));
  manifest("moved.yaml", head + "  a: \"2\"\n");
  auto upgraded = in_ns({"apply", "--server-side", "-f", file});
  ASSERT_KUBECTL_OK(upgraded);
  EXPECT_EQ(jsonpath("configmap", "moved", "{.data.a}"), "2");
  EXPECT_NE(jsonpath("configmap", "moved", R"({.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration})")
                .find(R"("a":"2")"),
            std::string::npos);
  // A later client-side apply starts from what was applied server-side.
  manifest("moved.yaml", head + "  a: \"3\"\n");
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", file}));
  EXPECT_EQ(jsonpath("configmap", "moved", "{.data.a}"), "3");
}

TEST_P(KubectlFields, ServiceClusterIPCannotChange) {
  const std::string head = "apiVersion: v1\nkind: Service\nmetadata:\n  name: fixed\nspec:\n  ports:\n  - port: 80\n";
  auto file = manifest("fixed.yaml", head);
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", file}));
  auto ip = jsonpath("service", "fixed", "{.spec.clusterIP}");
  ASSERT_FALSE(ip.empty());
  const std::string other = ip == "10.96.0.200" ? "10.96.0.201" : "10.96.0.200";
  manifest("fixed.yaml", head + "  clusterIP: " + other + "\n");
  auto changed = in_ns({"apply", "-f", file});
  EXPECT_KUBECTL_FAILS(changed);
  EXPECT_NE(changed.err.find("may not change once set"), std::string::npos) << changed;
  EXPECT_EQ(jsonpath("service", "fixed", "{.spec.clusterIP} {.spec.clusterIPs[*]}"), ip + " " + ip);
}

TEST_P(KubectlFields, SecretStringDataBecomesData) {
  auto file = manifest("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  user: admin\n"
                                 "data:\n  pass: c2VjcmV0\n");
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", file}));
  EXPECT_EQ(jsonpath("secret", "s", "{.data.user} {.data.pass}"), "YWRtaW4= c2VjcmV0");
  EXPECT_EQ(jsonpath("secret", "s", "{.stringData}"), "");
}

TEST_P(KubectlFields, UpdateWithResourceVersionZeroIsUnconditional) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "free", "--from-literal=a=1"}));
  ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "free", "bump=1"}));  // the stored version moves on
  auto file = manifest("free.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: free\n"
                                    "  resourceVersion: \"0\"\ndata:\n  a: \"2\"\n");
  ASSERT_KUBECTL_OK(in_ns({"replace", "-f", file}));
  EXPECT_EQ(jsonpath("configmap", "free", "{.data.a}"), "2");
}

TEST_P(KubectlFields, PodDefaultsForFieldRefAndSourcelessVolume) {
  auto file = manifest("d.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: d
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    env:
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    volumeMounts:
    - name: scratch
      mountPath: /scratch
  volumes:
  - name: scratch
)");
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", file}));
  EXPECT_EQ(jsonpath("pod", "d", "{.spec.containers[0].env[0].valueFrom.fieldRef.apiVersion}"), "v1");
  EXPECT_EQ(jsonpath("pod", "d", "{.spec.volumes[0].emptyDir}"), "{}");
}

TEST_P(KubectlFields, TheKubernetesServicePointsAtTheApiserver) {
  auto svc = kubectl({"get", "service", "kubernetes", "-n", "default", "-o",
                      "jsonpath={.spec.clusterIP} {.spec.ports[0].name} {.spec.ports[0].port}"});
  ASSERT_KUBECTL_OK(svc);
  EXPECT_EQ(svc.out, "10.96.0.1 https 443");
  auto ep = kubectl({"get", "endpoints", "kubernetes", "-n", "default", "-o",
                     "jsonpath={.subsets[0].addresses[0].ip} {.subsets[0].ports[0].port}"});
  ASSERT_KUBECTL_OK(ep);
  auto target = kubectl({"get", "service", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.ports[0].targetPort}"});
  EXPECT_TRUE(contains_match(ep.out, R"(^\d+\.\d+\.\d+\.\d+ \d+$)")) << ep;
  EXPECT_EQ(ep.out.substr(ep.out.find(' ') + 1), target.out);
  auto slice = kubectl({"get", "endpointslices", "-n", "default", "-l", "kubernetes.io/service-name=kubernetes", "-o",
                        "jsonpath={.items[0].endpoints[0].addresses[0]} {.items[0].ports[0].port}"});
  ASSERT_KUBECTL_OK(slice);
  EXPECT_EQ(slice.out, ep.out);
}

TEST_P(KubectlFields, AnObjectOfTheWrongKindIsRefused) {
  auto file = manifest("cm.json", R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}})");
  auto r = kubectl({"create", "--raw", "/api/v1/namespaces/" + ns() + "/pods", "-f", file});
  EXPECT_KUBECTL_FAILS(r);
  EXPECT_NE(r.err.find("the object provided is unrecognized (must be of type Pod)"), std::string::npos) << r;
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlFields, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
