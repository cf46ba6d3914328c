// kubectl's generator commands (`kubectl create <kind> ...`) and the auth commands. kubectl 1.33 (the
// dispatcher) sends these bodies in protobuf, 1.31 and 1.27 in JSON: every client must get the same objects.
#include <boost/json.hpp>

#include <cstdlib>

#include "net/codec/base64.hpp"
#include "tests/e2e/kubectl_fixture.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {
namespace {

class KubectlGenerators : public KubectlTest {
 protected:
  // A file of this test's with the given bytes, for --from-file.
  std::string file(const std::string& name, const std::string& content) { return manifest(name, content); }
};

TEST_P(KubectlGenerators, NamespaceAndConfigMap) {
  const std::string other = ns() + "-g";
  auto created = kubectl({"create", "namespace", other});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "namespace/" + other + " created\n") << created;
  auto phase = kubectl({"get", "namespace", other, "-o", "jsonpath={.status.phase}"});
  EXPECT_EQ(phase.out, "Active") << phase;
  ASSERT_KUBECTL_OK(kubectl({"delete", "namespace", other}));

  auto bin = file("blob", std::string("\x00\x01\xfe\xff", 4));
  auto cm = in_ns({"create", "configmap", "settings", "--from-literal=mode=fast", "--from-literal=empty=",
                   "--from-file=blob=" + bin});
  ASSERT_KUBECTL_OK(cm);
  EXPECT_EQ(cm.out, "configmap/settings created\n") << cm;
  EXPECT_EQ(jsonpath("configmap", "settings", "{.data.mode}|{.binaryData.blob}"), "fast|AAH+/w==");
  EXPECT_EQ(jsonpath("configmap", "settings", "{.metadata.creationTimestamp}").empty(), false);
}

TEST_P(KubectlGenerators, Secrets) {
  auto generic = in_ns({"create", "secret", "generic", "creds", "--from-literal=password=hunter2"});
  ASSERT_KUBECTL_OK(generic);
  EXPECT_EQ(generic.out, "secret/creds created\n") << generic;
  EXPECT_EQ(jsonpath("secret", "creds", "{.type} {.data.password}"), "Opaque aHVudGVyMg==");

  // A real certificate and key: kubectl checks that they form a pair.
  auto cert = manifest("tls/tls.crt", ""), key = manifest("tls/tls.key", "");
  std::string openssl = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
                        "-subj /CN=web.example -keyout " + key + " -out " + cert + " 2>/dev/null";
  ASSERT_EQ(std::system(openssl.c_str()), 0) << openssl;
  auto tls = in_ns({"create", "secret", "tls", "web-tls", "--cert=" + cert, "--key=" + key});
  ASSERT_KUBECTL_OK(tls);
  EXPECT_EQ(jsonpath("secret", "web-tls", "{.type}"), "kubernetes.io/tls");
  auto crt = codec::base64_decode(jsonpath("secret", "web-tls", R"({.data.tls\.crt})"));
  ASSERT_TRUE(crt.has_value());
  EXPECT_NE(crt->find("-----BEGIN CERTIFICATE-----"), std::string::npos);

  auto docker = in_ns({"create", "secret", "docker-registry", "pull", "--docker-server=registry.example",
                       "--docker-username=u", "--docker-password=p"});
  ASSERT_KUBECTL_OK(docker);
  EXPECT_EQ(jsonpath("secret", "pull", "{.type}"), "kubernetes.io/dockerconfigjson");
  auto config = codec::base64_decode(jsonpath("secret", "pull", R"({.data.\.dockerconfigjson})"));
  ASSERT_TRUE(config.has_value());
  auto auths = boost::json::parse(*config).at("auths");
  EXPECT_EQ(auths.at("registry.example").at("username"), "u") << *config;
}

TEST_P(KubectlGenerators, Services) {
  auto cip = in_ns({"create", "service", "clusterip", "api", "--tcp=80:8080", "--tcp=443:https"});
  ASSERT_KUBECTL_OK(cip);
  EXPECT_EQ(cip.out, "service/api created\n") << cip;
  EXPECT_EQ(jsonpath("service", "api", "{.spec.type} {.spec.selector.app} {.spec.ports[0].port}:"
                                       "{.spec.ports[0].targetPort} {.spec.ports[1].targetPort}"),
            "ClusterIP api 80:8080 https");
  EXPECT_TRUE(contains_match(jsonpath("service", "api", "{.spec.clusterIP}"), R"(^10\.)"));

  const auto node_port = std::to_string(30000 + GetParam().minor);
  auto np = in_ns({"create", "service", "nodeport", "edge", "--tcp=80:8080", "--node-port=" + node_port});
  ASSERT_KUBECTL_OK(np);
  EXPECT_EQ(jsonpath("service", "edge", "{.spec.type} {.spec.ports[0].nodePort} {.spec.ports[0].protocol}"),
            "NodePort " + node_port + " TCP");
}

TEST_P(KubectlGenerators, DeploymentKeepsReplicasPortsAndCommand) {
  // -n goes before `--`: in_ns() appends it, which would make it part of the command.
  auto created = kubectl({"-n", ns(), "create", "deployment", "web", "--image=busybox", "--replicas=2",
                          "--port=8080", "--", "sleep", "3600"});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "deployment.apps/web created\n") << created;
  EXPECT_EQ(jsonpath("deployment", "web",
                     "{.spec.replicas} {.spec.selector.matchLabels.app} {.spec.template.metadata.labels.app} "
                     "{.spec.template.spec.containers[0].ports[0].containerPort} "
                     "{.spec.template.spec.containers[0].command}"),
            R"(2 web web 8080 ["sleep","3600"])");
  // Zero replicas is a value, not an absent field (which would default to 1).
  ASSERT_KUBECTL_OK(in_ns({"create", "deployment", "idle", "--image=busybox", "--replicas=0"}));
  EXPECT_EQ(jsonpath("deployment", "idle", "{.spec.replicas}"), "0");
}

TEST_P(KubectlGenerators, JobRunsItsCommand) {
  auto created = kubectl({"-n", ns(), "create", "job", "once", "--image=busybox", "--", "echo", "hi"});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "job.batch/once created\n") << created;
  EXPECT_EQ(jsonpath("job", "once", "{.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}"),
            R"(Never ["echo","hi"])");
}

// The payload of a JWT, decoded (base64url without padding).
boost::json::value jwt_payload(const std::string& token) {
  auto first = token.find('.'), second = token.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return nullptr;
  std::string part = token.substr(first + 1, second - first - 1);
  for (char& c : part) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (part.size() % 4) part += '=';
  auto decoded = codec::base64_decode(part);
  return decoded ? boost::json::parse(*decoded) : nullptr;
}

TEST_P(KubectlGenerators, ServiceAccountAndToken) {
  auto sa = in_ns({"create", "serviceaccount", "robot"});
  ASSERT_KUBECTL_OK(sa);
  EXPECT_EQ(sa.out, "serviceaccount/robot created\n") << sa;

  auto token = in_ns({"create", "token", "robot", "--duration=20m", "--audience=api.example"});
  ASSERT_KUBECTL_OK(token);
  std::string jwt = token.out.substr(0, token.out.find_last_not_of('\n') + 1);
  EXPECT_EQ(std::count(jwt.begin(), jwt.end(), '.'), 2) << token;
  auto claims = jwt_payload(jwt);
  ASSERT_TRUE(claims.is_object()) << token;
  EXPECT_EQ(claims.at("sub"), boost::json::value("system:serviceaccount:" + ns() + ":robot"));
  EXPECT_EQ(claims.at("aud"), boost::json::array{"api.example"});
  EXPECT_EQ(claims.at("exp").to_number<int64_t>() - claims.at("iat").to_number<int64_t>(), 1200);
  EXPECT_EQ(claims.at("kubernetes.io").at("serviceaccount").at("uid"),
            boost::json::value(jsonpath("serviceaccount", "robot", "{.metadata.uid}")));

  auto missing = in_ns({"create", "token", "nobody"});
  EXPECT_KUBECTL_FAILS(missing);
  EXPECT_NE(missing.err.find(R"(serviceaccounts "nobody" not found)"), std::string::npos) << missing;
}

TEST_P(KubectlGenerators, AuthCanIListAndWhoAmI) {
  auto yes = in_ns({"auth", "can-i", "create", "pods"});
  EXPECT_KUBECTL_OK(yes);
  EXPECT_EQ(yes.out, "yes\n") << yes;
  auto any = kubectl({"auth", "can-i", "delete", "nodes", "--all-namespaces"});
  EXPECT_EQ(any.out, "yes\n") << any;

  auto list = in_ns({"auth", "can-i", "--list"});
  ASSERT_KUBECTL_OK(list);
  EXPECT_TRUE(contains_match(list.out, R"(^\*\.\*\s+\[\]\s+\[\]\s+\[\*\])")) << list;
  EXPECT_TRUE(contains_match(list.out, R"(^\s+\[\*\]\s+\[\]\s+\[\*\])")) << list;

  // SelfSubjectReview is served as authentication.k8s.io/v1 (GA in 1.28); kubectl 1.27 asks for v1beta1.
  if (GetParam().minor < 28) return;
  auto whoami = kubectl({"auth", "whoami"});
  ASSERT_KUBECTL_OK(whoami);
  EXPECT_TRUE(contains_match(whoami.out, R"(^Username\s+admin\s*$)")) << whoami;
  EXPECT_TRUE(contains_match(whoami.out, R"(^Groups\s+\[system:masters system:authenticated\]\s*$)")) << whoami;
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlGenerators, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
