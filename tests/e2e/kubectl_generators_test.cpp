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

TEST_P(KubectlGenerators, CronJobQuotaPodDisruptionBudgetAndIngress) {
  auto cj = kubectl({"-n", ns(), "create", "cronjob", "nightly", "--image=busybox", "--schedule=*/5 * * * *", "--",
                     "echo", "hi"});
  ASSERT_KUBECTL_OK(cj);
  EXPECT_EQ(cj.out, "cronjob.batch/nightly created\n") << cj;
  EXPECT_EQ(jsonpath("cronjob", "nightly",
                     "{.spec.schedule}|{.spec.jobTemplate.spec.template.spec.containers[0].command}"),
            R"(*/5 * * * *|["echo","hi"])");

  auto quota = in_ns({"create", "quota", "small", "--hard=pods=4,requests.cpu=2"});
  ASSERT_KUBECTL_OK(quota);
  EXPECT_EQ(jsonpath("resourcequota", "small", R"({.spec.hard.pods} {.spec.hard.requests\.cpu})"), "4 2");

  auto pdb = in_ns({"create", "poddisruptionbudget", "keep", "--selector=app=web", "--min-available=1"});
  ASSERT_KUBECTL_OK(pdb);
  EXPECT_EQ(jsonpath("pdb", "keep", "{.spec.minAvailable} {.spec.selector.matchLabels.app}"), "1 web");

  auto ing = in_ns({"create", "ingress", "front", "--rule=example.test/=web:80"});
  ASSERT_KUBECTL_OK(ing);
  EXPECT_EQ(jsonpath("ingress", "front",
                     "{.spec.rules[0].host} {.spec.rules[0].http.paths[0].backend.service.name} "
                     "{.spec.rules[0].http.paths[0].backend.service.port.number}"),
            "example.test web 80");
}

TEST_P(KubectlGenerators, RolesBindingsAndPriorityClass) {
  auto role = in_ns({"create", "role", "reader", "--verb=get,list", "--resource=pods"});
  ASSERT_KUBECTL_OK(role);
  EXPECT_EQ(jsonpath("role", "reader", "{.rules[0].verbs} {.rules[0].resources}"), R"(["get","list"] ["pods"])");
  auto binding = in_ns({"create", "rolebinding", "reader-binding", "--role=reader", "--user=jane"});
  ASSERT_KUBECTL_OK(binding);
  EXPECT_EQ(jsonpath("rolebinding", "reader-binding", "{.roleRef.kind}/{.roleRef.name} {.subjects[0].name}"),
            "Role/reader jane");

  const std::string cluster_role = ns() + "-viewer";
  ASSERT_KUBECTL_OK(kubectl({"create", "clusterrole", cluster_role, "--verb=get", "--resource=nodes"}));
  auto cr = kubectl({"get", "clusterrole", cluster_role, "-o", "jsonpath={.rules[0].verbs} {.rules[0].resources}"});
  EXPECT_EQ(cr.out, R"(["get"] ["nodes"])") << cr;
  ASSERT_KUBECTL_OK(kubectl({"create", "clusterrolebinding", cluster_role, "--clusterrole=" + cluster_role,
                             "--group=ops"}));
  auto crb = kubectl({"get", "clusterrolebinding", cluster_role, "-o", "jsonpath={.roleRef.name} {.subjects[0].kind}"});
  EXPECT_EQ(crb.out, cluster_role + " Group") << crb;

  const std::string pc = ns() + "-high";
  ASSERT_KUBECTL_OK(kubectl({"create", "priorityclass", pc, "--value=1000", "--description=important"}));
  auto value = kubectl({"get", "priorityclass", pc, "-o", "jsonpath={.value} {.description}"});
  EXPECT_EQ(value.out, "1000 important") << value;
  for (const auto& kind : {"clusterrolebinding", "clusterrole", "priorityclass"})
    kubectl({"delete", kind, std::string(kind) == "priorityclass" ? pc : cluster_role});
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
