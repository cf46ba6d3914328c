// The protobuf decoder against hand-built bodies of every kind kubectl's generators send: each must become the
// JSON kubectl 1.31 would have sent for the same command. Then malformed and hostile input.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "api/protobuf/decode.hpp"
#include "tests/unit/protobuf_encode.hpp"

namespace navarch::api::protobuf {
namespace {

using namespace test;
namespace json = boost::json;

json::value decoded(const std::string& bytes) {
  auto r = body_to_json(bytes);
  if (auto* f = std::get_if<decode_failure>(&r)) {
    ADD_FAILURE() << "decode failed: " << f->code << " " << f->message;
    return nullptr;
  }
  return json::parse(std::get<std::string>(r));
}

decode_failure failure(const std::string& bytes) {
  auto r = body_to_json(bytes);
  if (auto* f = std::get_if<decode_failure>(&r)) return *f;
  ADD_FAILURE() << "decoded unexpectedly: " << std::get<std::string>(r);
  return {};
}

#define EXPECT_DECODES_TO(bytes, expected_json) EXPECT_EQ(decoded(bytes), json::parse(expected_json))

TEST(ProtobufDecode, MediaType) {
  EXPECT_TRUE(is_protobuf_media_type("application/vnd.kubernetes.protobuf"));
  EXPECT_TRUE(is_protobuf_media_type("application/vnd.kubernetes.protobuf; charset=utf-8"));
  EXPECT_FALSE(is_protobuf_media_type("application/json"));
}

TEST(ProtobufDecode, Namespace) {
  // kubectl create namespace n1
  EXPECT_DECODES_TO(body("v1", "Namespace", cat({len(1, meta("n1")), len(2, ""), len(3, len(1, ""))})),
                    R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n1","creationTimestamp":null},
                        "spec":{},"status":{}})");
}

TEST(ProtobufDecode, ConfigMapWithDataAndBinaryData) {
  // kubectl create configmap c1 --from-literal=a=b --from-file=bin (binary content)
  auto raw = cat({len(1, meta("c1")), entry(2, "a", "b"), entry(3, "bin", std::string("\x00\xff", 2))});
  EXPECT_DECODES_TO(body("v1", "ConfigMap", raw),
                    R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c1","creationTimestamp":null},
                        "data":{"a":"b"},"binaryData":{"bin":"AP8="}})");
}

TEST(ProtobufDecode, SecretDataBecomesBase64) {
  // kubectl create secret generic s1 --from-literal=password=hunter2 (and tls, docker-registry: other types)
  auto generic = cat({len(1, meta("s1")), entry(2, "password", "hunter2"), len(3, "Opaque")});
  EXPECT_DECODES_TO(body("v1", "Secret", generic),
                    R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1","creationTimestamp":null},
                        "data":{"password":"aHVudGVyMg=="},"type":"Opaque"})");
  auto docker = cat({len(1, meta("reg")), entry(2, ".dockerconfigjson", R"({"auths":{}})"),
                     len(3, "kubernetes.io/dockerconfigjson")});
  auto v = decoded(body("v1", "Secret", docker));
  EXPECT_EQ(v.at("type"), "kubernetes.io/dockerconfigjson");
  EXPECT_EQ(v.at("data").at(".dockerconfigjson"), "eyJhdXRocyI6e319");
  auto tls = cat({len(1, meta("t")), entry(2, "tls.crt", "C"), entry(2, "tls.key", "K"),
                  len(3, "kubernetes.io/tls")});
  EXPECT_EQ(decoded(body("v1", "Secret", tls)).at("data"), json::parse(R"({"tls.crt":"Qw==","tls.key":"Sw=="})"));
}

TEST(ProtobufDecode, ServicePortsWithIntOrString) {
  // kubectl create service nodeport web --tcp=80:8080 --node-port=30080
  auto port = cat({len(1, "80-8080"), len(2, "TCP"), num(3, 80), int_or_string(4, 8080), num(5, 30080)});
  auto spec = cat({len(1, port), entry(2, "app", "web"), len(4, "NodePort")});
  auto raw = cat({len(1, meta("web", {{"app", "web"}})), len(2, spec), len(3, len(1, ""))});
  EXPECT_DECODES_TO(body("v1", "Service", raw),
                    R"({"apiVersion":"v1","kind":"Service",
                        "metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},
                        "spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,
                                          "nodePort":30080}],
                                "selector":{"app":"web"},"type":"NodePort"},
                        "status":{"loadBalancer":{}}})");
  auto named = cat({len(1, cat({num(3, 443), int_or_string(4, "https")})), len(4, "ClusterIP")});
  EXPECT_EQ(decoded(body("v1", "Service", cat({len(1, meta("s")), len(2, named)}))).at("spec").at("ports"),
            json::parse(R"([{"port":443,"targetPort":"https"}])"));
}

std::string container(std::string_view name, std::string_view image, std::string extra = "") {
  return cat({len(1, name), len(2, image), std::move(extra), len(8, "")});  // resources: {}
}

TEST(ProtobufDecode, DeploymentKeepsZeroReplicasAndEmptyStructs) {
  // kubectl create deployment web --image=nginx --replicas=0 --port=80
  auto c = container("nginx", "nginx", len(6, cat({len(1, ""), num(2, 0), num(3, 80), len(4, "")})));
  auto tmpl = cat({len(1, meta("", {{"app", "web"}})), len(2, len(2, c))});
  auto spec = cat({num(1, 0), len(2, entry(1, "app", "web")), len(3, tmpl), len(4, "")});
  auto raw = cat({len(1, meta("web", {{"app", "web"}})), len(2, spec), len(3, "")});
  EXPECT_DECODES_TO(body("apps/v1", "Deployment", raw),
                    R"({"apiVersion":"apps/v1","kind":"Deployment",
                        "metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},
                        "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                                "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                                            "spec":{"containers":[{"name":"nginx","image":"nginx",
                                                                   "ports":[{"containerPort":80}],
                                                                   "resources":{}}]}},
                                "strategy":{}},
                        "status":{}})");
}

TEST(ProtobufDecode, JobAndCronJob) {
  // kubectl create job j --image=busybox -- echo hi
  auto c = container("j", "busybox", cat({len(3, "echo"), len(3, "hi")}));
  auto job_spec = len(6, cat({len(1, meta("")), len(2, cat({len(2, c), len(3, "Never")}))}));
  auto job = cat({len(1, meta("j")), len(2, job_spec), len(3, "")});
  EXPECT_DECODES_TO(body("batch/v1", "Job", job),
                    R"({"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"j","creationTimestamp":null},
                        "spec":{"template":{"metadata":{"creationTimestamp":null},
                                            "spec":{"containers":[{"name":"j","image":"busybox",
                                                                   "command":["echo","hi"],"resources":{}}],
                                                    "restartPolicy":"Never"}}},
                        "status":{}})");
  // kubectl create cronjob cj --image=busybox --schedule="*/1 * * * *" -- date
  auto cron_spec = cat({len(1, "*/1 * * * *"), len(5, cat({len(1, meta("cj")), len(2, job_spec)}))});
  auto cron = decoded(body("batch/v1", "CronJob", cat({len(1, meta("cj")), len(2, cron_spec), len(3, "")})));
  EXPECT_EQ(cron.at("spec").at("schedule"), "*/1 * * * *");
  EXPECT_EQ(cron.at("spec").at("jobTemplate").at("metadata").at("name"), "cj");
  EXPECT_EQ(cron.at("spec").at("jobTemplate").at("spec").at("template").at("spec").at("restartPolicy"), "Never");
}

TEST(ProtobufDecode, PodTemplateDetails) {
  // What `create job --from=cronjob/x` copies: probes (handler inline), env sources, volumes (source inline),
  // tolerations, security contexts with packed and unpacked repeated numbers, quantities.
  auto probe = cat({len(1, len(2, cat({len(1, "/healthz"), int_or_string(2, "http")}))), num(4, 5)});
  auto env = cat({len(7, cat({len(1, "A"), len(2, "1")})),
                  len(7, cat({len(1, "B"), len(3, len(3, cat({len(1, len(1, "cfg")), len(2, "k"), num(3, 1)})))}))});
  auto resources = len(8, cat({entry(1, "cpu", len(1, "500m")), entry(2, "memory", len(1, "64Mi"))}));
  auto c = cat({len(1, "app"), len(2, "busybox"), env, resources, len(10, probe), len(9, cat({len(1, "data"), len(3, "/data")}))});
  auto volume = cat({len(1, "data"), len(2, len(2, cat({len(1, "Memory"), len(2, len(1, "1Gi"))})))});
  auto toleration = cat({len(1, "k"), len(2, "Exists"), num(5, 0)});
  std::string packed_groups = len(4, cat({varint(1000), varint(2000)}));
  auto security = cat({num(2, 0), packed_groups, num(4, 3000)});
  auto pod_spec = cat({len(1, volume), len(2, c), num(4, 30), len(14, security), len(22, toleration)});
  auto pod = decoded(body("v1", "Pod", cat({len(1, meta("p")), len(2, pod_spec)})));
  EXPECT_EQ(pod.at("spec"), json::parse(R"({
      "volumes":[{"name":"data","emptyDir":{"medium":"Memory","sizeLimit":"1Gi"}}],
      "containers":[{"name":"app","image":"busybox",
                     "env":[{"name":"A","value":"1"},
                            {"name":"B","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"k","optional":true}}}],
                     "resources":{"limits":{"cpu":"500m"},"requests":{"memory":"64Mi"}},
                     "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5},
                     "volumeMounts":[{"name":"data","mountPath":"/data"}]}],
      "terminationGracePeriodSeconds":30,
      "securityContext":{"runAsUser":0,"supplementalGroups":[1000,2000,3000]},
      "tolerations":[{"key":"k","operator":"Exists","tolerationSeconds":0}]})"));
}

TEST(ProtobufDecode, TimesAndOwnerReferences) {
  auto m = cat({len(1, "x"), len(8, cat({num(1, 1700000000), num(2, 5)})),
                len(13, cat({len(5, "apps/v1"), len(1, "ReplicaSet"), len(3, "rs"), len(4, "u1"), num(6, 1)})),
                len(14, "example.com/f")});
  auto v = decoded(body("v1", "ConfigMap", len(1, m)));
  EXPECT_EQ(v.at("metadata"), json::parse(R"({"name":"x","creationTimestamp":"2023-11-14T22:13:20Z",
      "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u1","controller":true}],
      "finalizers":["example.com/f"]})"));
}

TEST(ProtobufDecode, ServiceAccountAndTokenRequest) {
  // kubectl create serviceaccount robot; kubectl create token robot --duration=1h --audience=api
  EXPECT_DECODES_TO(body("v1", "ServiceAccount", len(1, meta("robot"))),
                    R"({"apiVersion":"v1","kind":"ServiceAccount",
                        "metadata":{"name":"robot","creationTimestamp":null}})");
  auto spec = cat({len(1, "api"), num(4, 3600)});
  EXPECT_DECODES_TO(body("authentication.k8s.io/v1", "TokenRequest",
                         cat({len(1, meta("")), len(2, spec), len(3, cat({len(1, ""), len(2, "")}))})),
                    R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
                        "metadata":{"creationTimestamp":null},
                        "spec":{"audiences":["api"],"expirationSeconds":3600},
                        "status":{"expirationTimestamp":null}})");
}

TEST(ProtobufDecode, AccessReviews) {
  // kubectl auth can-i create pods -n default
  auto attrs = cat({len(1, "default"), len(2, "create"), len(3, ""), len(4, ""), len(5, "pods"), len(6, ""), len(7, "")});
  auto status = cat({num(1, 0), len(2, ""), len(3, ""), num(4, 0)});
  EXPECT_DECODES_TO(body("authorization.k8s.io/v1", "SelfSubjectAccessReview",
                         cat({len(1, meta("")), len(2, len(1, attrs)), len(3, status)})),
                    R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                        "metadata":{"creationTimestamp":null},
                        "spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}},
                        "status":{"allowed":false}})");
  // A SubjectAccessReview names the user, groups and extra (ExtraValue lists).
  auto sar_spec = cat({len(2, cat({len(1, "/healthz"), len(2, "get")})), len(3, "alice"), len(4, "dev"),
                       len(5, cat({len(1, "scopes"), len(2, cat({len(1, "a"), len(1, "b")}))}))});
  EXPECT_EQ(decoded(body("authorization.k8s.io/v1", "SubjectAccessReview", len(2, sar_spec))).at("spec"),
            json::parse(R"({"nonResourceAttributes":{"path":"/healthz","verb":"get"},"user":"alice",
                            "groups":["dev"],"extra":{"scopes":["a","b"]}})"));
  // kubectl auth can-i --list; kubectl auth whoami
  EXPECT_EQ(decoded(body("authorization.k8s.io/v1", "SelfSubjectRulesReview", len(2, len(1, "ns1")))).at("spec"),
            json::parse(R"({"namespace":"ns1"})"));
  EXPECT_EQ(decoded(body("authentication.k8s.io/v1", "SelfSubjectReview", len(1, meta("")))).at("kind"),
            "SelfSubjectReview");
}

TEST(ProtobufDecode, RbacKinds) {
  // kubectl create role r --verb=get,list --resource=pods
  auto rule = cat({len(1, "get"), len(1, "list"), len(2, ""), len(3, "pods")});
  EXPECT_DECODES_TO(body("rbac.authorization.k8s.io/v1", "Role", cat({len(1, meta("r")), len(2, rule)})),
                    R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role",
                        "metadata":{"name":"r","creationTimestamp":null},
                        "rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"]}]})");
  // kubectl create clusterrole agg --aggregation-rule=rbac.example.com/aggregate=true
  auto agg = len(3, len(1, entry(1, "rbac.example.com/aggregate", "true")));
  EXPECT_EQ(decoded(body("rbac.authorization.k8s.io/v1", "ClusterRole", cat({len(1, meta("agg")), agg})))
                .at("aggregationRule"),
            json::parse(R"({"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate":"true"}}]})"));
  // kubectl create rolebinding rb --role=r --user=alice --serviceaccount=ns:robot
  auto binding = cat({len(1, meta("rb")), len(2, cat({len(1, "User"), len(2, "rbac.authorization.k8s.io"), len(3, "alice")})),
                      len(2, cat({len(1, "ServiceAccount"), len(2, ""), len(3, "robot"), len(4, "ns")})),
                      len(3, cat({len(1, "rbac.authorization.k8s.io"), len(2, "Role"), len(3, "r")}))});
  auto rb = decoded(body("rbac.authorization.k8s.io/v1", "RoleBinding", binding));
  EXPECT_EQ(rb.at("subjects"), json::parse(R"([{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"},
                                              {"kind":"ServiceAccount","name":"robot","namespace":"ns"}])"));
  EXPECT_EQ(rb.at("roleRef"), json::parse(R"({"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"})"));
  EXPECT_EQ(decoded(body("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", binding)).at("kind"), "ClusterRoleBinding");
}

TEST(ProtobufDecode, PolicySchedulingQuotaAndIngress) {
  // kubectl create priorityclass zero --value=0 --description=d: value 0 is kept.
  EXPECT_DECODES_TO(body("scheduling.k8s.io/v1", "PriorityClass",
                         cat({len(1, meta("zero")), num(2, 0), num(3, 0), len(4, "d"), len(5, "PreemptLowerPriority")})),
                    R"({"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass",
                        "metadata":{"name":"zero","creationTimestamp":null},"value":0,"description":"d",
                        "preemptionPolicy":"PreemptLowerPriority"})");
  // kubectl create pdb p --selector=app=web --min-available=50%
  auto pdb_spec = cat({int_or_string(1, "50%"), len(2, entry(1, "app", "web"))});
  EXPECT_EQ(decoded(body("policy/v1", "PodDisruptionBudget", cat({len(1, meta("p")), len(2, pdb_spec)}))).at("spec"),
            json::parse(R"({"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}})"));
  // kubectl create quota q --hard=cpu=1,pods=2 --scopes=BestEffort
  auto quota_spec = cat({entry(1, "cpu", len(1, "1")), entry(1, "pods", len(1, "2")), len(2, "BestEffort")});
  EXPECT_EQ(decoded(body("v1", "ResourceQuota", cat({len(1, meta("q")), len(2, quota_spec)}))).at("spec"),
            json::parse(R"({"hard":{"cpu":"1","pods":"2"},"scopes":["BestEffort"]})"));
  // kubectl create ingress web --class=default --rule="foo.com/bar*=svc:8080,tls=secret"
  auto backend = len(4, cat({len(1, "svc"), len(2, cat({len(1, ""), num(2, 8080)}))}));
  auto path = cat({len(1, "/bar"), len(3, "Prefix"), len(2, backend)});
  auto rule = cat({len(1, "foo.com"), len(2, len(1, len(1, path)))});
  auto spec = cat({len(4, "default"), len(2, cat({len(1, "foo.com"), len(2, "secret")})), len(3, rule)});
  EXPECT_EQ(decoded(body("networking.k8s.io/v1", "Ingress", cat({len(1, meta("web")), len(2, spec)}))).at("spec"),
            json::parse(R"({"ingressClassName":"default","tls":[{"hosts":["foo.com"],"secretName":"secret"}],
                            "rules":[{"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Prefix",
                                     "backend":{"service":{"name":"svc","port":{"number":8080}}}}]}}]})"));
}

TEST(ProtobufDecode, UnknownFieldsAreSkipped) {
  // Fields of every wire type we have no table for, at the top, in metadata and in the envelope.
  std::string fixed64 = varint((99u << 3) | 1) + std::string(8, '\x01');
  std::string fixed32 = varint((98u << 3) | 5) + std::string(4, '\x02');
  auto m = cat({len(1, "c"), num(50, 7), len(51, "whatever"), fixed64});
  auto raw = cat({len(1, m), fixed32, num(77, 1), len(78, std::string(1000, 'x')), entry(2, "k", "v")});
  EXPECT_DECODES_TO(body("v1", "ConfigMap", raw),
                    R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}})");
  EXPECT_DECODES_TO(body("v1", "ConfigMap", "") + num(9, 1),
                    R"({"apiVersion":"v1","kind":"ConfigMap"})");
}

TEST(ProtobufDecode, RefusesWhatItCannotRead) {
  EXPECT_EQ(failure("{\"kind\":\"Pod\"}").code, 400);                  // no magic
  EXPECT_EQ(failure(body("v1", "", "")).code, 400);                      // no kind
  EXPECT_EQ(failure(body("example.com/v1", "Widget", "")).code, 415);    // a kind we have no table for
  auto gzip = std::string("k8s\0", 4) + cat({len(1, cat({len(1, "v1"), len(2, "Pod")})), len(3, "gzip")});
  EXPECT_EQ(failure(gzip).code, 415);
  auto bad = [](const std::string& raw) { return failure(body("v1", "ConfigMap", raw)); };
  EXPECT_EQ(bad("\x0a").code, 400);                                     // a tag without its length
  EXPECT_EQ(bad("\x0a\x05" "ab").code, 400);                            // a length past the end
  EXPECT_EQ(bad("\x0a" + varint(1ull << 62)).code, 400);                // a huge length
  EXPECT_EQ(bad(varint(50u << 3) + std::string(10, '\xff') + "\x01").code, 400);  // an 11-byte varint
  EXPECT_EQ(bad(varint(50u << 3) + "\x80").code, 400);                  // a truncated varint
  EXPECT_EQ(bad(varint((5u << 3) | 3)).code, 400);                      // a group
  EXPECT_EQ(bad(varint((5u << 3) | 7)).code, 400);                      // wire type 7
  EXPECT_EQ(bad(std::string("\x02\x00", 2)).code, 400);                 // field number 0
  EXPECT_EQ(bad(num(1, 5)).code, 400);                                  // metadata as a number
  EXPECT_EQ(bad(len(1, len(8, num(1, 1ll << 40)))).code, 400);          // a time past year 9999
  EXPECT_EQ(bad(len(1, len(17, len(7, len(1, "{not json"))))).code, 400);  // managedFields with bad JSON
  EXPECT_EQ(bad(len(1, len(1, "\xc3\x28"))).code, 400);                 // a name that is not UTF-8
  EXPECT_EQ(bad(len(1, len(1, "\xed\xa0\x80"))).code, 400);             // a UTF-16 surrogate
  EXPECT_EQ(decoded(body("v1", "ConfigMap", len(1, len(1, "gr\xc3\xbc\xc3\x9f")))).at("metadata").at("name"),
            "gr\xc3\xbc\xc3\x9f");
  auto msg = bad("\x0a\x05" "ab").message;
  EXPECT_NE(msg.find("malformed"), std::string::npos) << msg;
}

TEST(ProtobufDecode, EveryTruncationAndCorruptionFailsCleanly) {
  auto c = container("nginx", "nginx", len(10, cat({len(1, len(1, len(1, "true"))), num(2, 3)})));
  auto tmpl = cat({len(1, meta("", {{"app", "web"}})), len(2, len(2, c))});
  auto full = body("apps/v1", "Deployment", cat({len(1, meta("web")), len(2, cat({num(1, 2), len(3, tmpl)}))}));
  ASSERT_TRUE(std::holds_alternative<std::string>(body_to_json(full)));
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto r = body_to_json(full.substr(0, n));
    if (auto* f = std::get_if<decode_failure>(&r)) {
      EXPECT_EQ(f->code, 400) << "cut at " << n;
    }
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    auto mutated = full;
    for (int flips = 0; flips < 3; ++flips)
      mutated[4 + rng() % (mutated.size() - 4)] = static_cast<char>(rng());
    auto r = body_to_json(mutated);
    if (auto* f = std::get_if<decode_failure>(&r)) {
      EXPECT_TRUE(f->code == 400 || f->code == 415);
    } else {
      EXPECT_NO_THROW(json::parse(std::get<std::string>(r)));
    }
  }
}

}  // namespace
}  // namespace navarch::api::protobuf
