// The apps, batch and coordination kinds' strategies: defaults, validation, Table rows, the Job's selector.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/kinds/apps/daemonset/strategy.hpp"
#include "api/kinds/apps/deployment/strategy.hpp"
#include "api/kinds/apps/replicaset/strategy.hpp"
#include "api/kinds/batch/job/strategy.hpp"
#include "api/kinds/coordination/lease/strategy.hpp"
#include "tests/unit/kinds_test_cases.hpp"

namespace navarch::api::test {
namespace {

namespace json = boost::json;

// A defaulted pod template with one container, as every workload below carries.
constexpr const char* template_defaults =
    R"("template":{"spec":{"containers":[{"name":"c","image":"nginx:1.27","imagePullPolicy":"IfNotPresent",
        "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","resources":{}}],
        "restartPolicy":"Always","dnsPolicy":"ClusterFirst","schedulerName":"default-scheduler",
        "terminationGracePeriodSeconds":30,"securityContext":{}}})";

std::string with_template(std::string before) { return before + template_defaults + "}}"; }

class WorkloadDefaults : public ::testing::TestWithParam<defaults_case> {};
TEST_P(WorkloadDefaults, FillWhatAUserLeavesOut) { check(GetParam()); }

const std::string deployment_defaulted = with_template(
    R"({"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
        "revisionHistoryLimit":10,"progressDeadlineSeconds":600,)");
const std::string recreate_defaulted =
    with_template(R"({"spec":{"strategy":{"type":"Recreate"},"replicas":1,"revisionHistoryLimit":10,
        "progressDeadlineSeconds":600,)");
const std::string replica_set_defaulted = with_template(R"({"spec":{"replicas":1,)");
const std::string daemon_set_defaulted = with_template(
    R"({"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}},
        "revisionHistoryLimit":10,)");
const std::string job_defaulted = with_template(
    R"({"spec":{"parallelism":1,"completions":1,"backoffLimit":6,"completionMode":"NonIndexed","suspend":false,)");

constexpr const char* template_only = R"({"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}}})";

INSTANTIATE_TEST_SUITE_P(
    Kinds, WorkloadDefaults,
    ::testing::Values(
        defaults_case{"Deployment", deployment_strategy, template_only, deployment_defaulted.c_str()},
        defaults_case{"DeploymentRecreateHasNoRollingUpdate", deployment_strategy,
                      R"({"spec":{"strategy":{"type":"Recreate"},
                          "template":{"spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}}})",
                      recreate_defaulted.c_str()},
        defaults_case{"ReplicaSet", replica_set_strategy, template_only, replica_set_defaulted.c_str()},
        defaults_case{"DaemonSet", daemon_set_strategy, template_only, daemon_set_defaulted.c_str()},
        defaults_case{"Job", job_strategy, template_only, job_defaulted.c_str()},
        defaults_case{"LeaseHasNone", lease_strategy, R"({"spec":{}})", R"({"spec":{}})"}),
    case_name<defaults_case>);

class WorkloadValidation : public ::testing::TestWithParam<validation_case> {};
TEST_P(WorkloadValidation, ReportsFieldErrors) { check(GetParam()); }

constexpr const char* deployment_v1 = R"({"metadata":{"name":"web","namespace":"d"},
    "spec":{"selector":{"matchLabels":{"app":"web"}},
            "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}})";
constexpr const char* job_v1 = R"({"metadata":{"name":"j","namespace":"d"},
    "spec":{"selector":{"matchLabels":{"id":"1"}},"completions":1,
            "template":{"metadata":{"labels":{"id":"1"}},
                        "spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}})";

INSTANTIATE_TEST_SUITE_P(
    Kinds, WorkloadValidation,
    ::testing::Values(
        validation_case{"DeploymentValid", deployment_strategy, deployment_v1, nullptr, {}},
        validation_case{"DeploymentSelectorCountsAndStrategy", deployment_strategy,
                        R"({"metadata":{"name":"web","namespace":"d"},
                            "spec":{"replicas":-1,"selector":{"matchLabels":{"app":"other"}},"strategy":{"type":"Blue"},
                                    "template":{"metadata":{"labels":{"app":"web"}},
                                                "spec":{"containers":[{"name":"c","image":"nginx"}]}}}})",
                        nullptr,
                        {"spec.template.metadata.labels: FieldValueInvalid", "spec.replicas: FieldValueInvalid",
                         "spec.strategy.type: FieldValueNotSupported"}},
        validation_case{"DeploymentSelectorImmutable", deployment_strategy,
                        R"({"metadata":{"name":"web","namespace":"d"},
                            "spec":{"selector":{"matchLabels":{"app":"web","v":"2"}},
                                    "template":{"metadata":{"labels":{"app":"web","v":"2"}},
                                                "spec":{"containers":[{"name":"c","image":"nginx"}]}}}})",
                        deployment_v1, {"spec.selector: FieldValueInvalid"}},
        validation_case{"ReplicaSetPodsRestartAlways", replica_set_strategy,
                        R"({"metadata":{"name":"rs","namespace":"d"},
                            "spec":{"selector":{"matchLabels":{"a":"b"}},
                                    "template":{"metadata":{"labels":{"a":"b"}},
                                                "spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x"}]}}}})",
                        nullptr, {"spec.template.spec.restartPolicy: FieldValueNotSupported"}},
        validation_case{"DaemonSetNeedsASelectorAndNoDeadline", daemon_set_strategy,
                        R"({"metadata":{"name":"ds","namespace":"d"},
                            "spec":{"template":{"spec":{"activeDeadlineSeconds":5,
                                                        "containers":[{"name":"c","image":"x"}]}}}})",
                        nullptr,
                        {"spec.selector: FieldValueRequired", "spec.template.spec.activeDeadlineSeconds: FieldValueForbidden"}},
        validation_case{"JobValid", job_strategy, job_v1, nullptr, {}},
        validation_case{"JobPodsMayNotRestartAlways", job_strategy,
                        R"({"metadata":{"name":"j","namespace":"d"},
                            "spec":{"selector":{"matchLabels":{"id":"1"}},"backoffLimit":-1,
                                    "template":{"metadata":{"labels":{"id":"1"}},
                                                "spec":{"containers":[{"name":"c","image":"busybox"}]}}}})",
                        nullptr,
                        {"spec.backoffLimit: FieldValueInvalid", "spec.template.spec.restartPolicy: FieldValueNotSupported"}},
        validation_case{"JobCompletionsAndTemplateImmutable", job_strategy,
                        R"({"metadata":{"name":"j","namespace":"d"},
                            "spec":{"selector":{"matchLabels":{"id":"1"}},"completions":2,
                                    "template":{"metadata":{"labels":{"id":"1"}},
                                                "spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:2"}]}}}})",
                        job_v1, {"spec.completions: FieldValueInvalid", "spec.template: FieldValueInvalid"}},
        validation_case{"LeaseDurationPositive", lease_strategy,
                        R"({"metadata":{"name":"l","namespace":"d"},"spec":{"leaseDurationSeconds":0,"leaseTransitions":-1}})",
                        nullptr, {"spec.leaseDurationSeconds: FieldValueInvalid", "spec.leaseTransitions: FieldValueInvalid"}}),
    case_name<validation_case>);

class WorkloadRows : public ::testing::TestWithParam<row_case> {};
TEST_P(WorkloadRows, PrintAsKubectlShowsThem) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Kinds, WorkloadRows,
    ::testing::Values(
        row_case{"Deployment", deployment_strategy,
                 R"({"metadata":{"name":"web","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                             "template":{"spec":{"containers":[{"name":"c","image":"nginx"}]}}},
                     "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}})",
                 R"(["web","2/3",3,2,"60m","c","nginx","app=web"])"},
        row_case{"ReplicaSet", replica_set_strategy,
                 R"({"metadata":{"name":"web-1","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                             "template":{"spec":{"containers":[{"name":"c","image":"nginx"},{"name":"d","image":"x"}]}}},
                     "status":{"replicas":2,"readyReplicas":1}})",
                 R"(["web-1",2,2,1,"60m","c,d","nginx,x","app=web"])"},
        row_case{"DaemonSet", daemon_set_strategy,
                 R"({"metadata":{"name":"ds","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "spec":{"selector":{"matchLabels":{"app":"web"}},
                             "template":{"spec":{"nodeSelector":{"disk":"ssd"},"containers":[{"name":"c","image":"nginx"}]}}},
                     "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,
                               "updatedNumberScheduled":3,"numberAvailable":2}})",
                 R"(["ds",3,3,2,3,2,"disk=ssd","60m","c","nginx","app=web"])"},
        row_case{"Job", job_strategy,
                 R"({"metadata":{"name":"j","creationTimestamp":"2024-05-01T11:00:00Z"},
                     "spec":{"completions":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},
                             "template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}},
                     "status":{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}],
                               "startTime":"2024-05-01T11:00:00Z","completionTime":"2024-05-01T11:00:30Z"}})",
                 R"(["j","Complete","1/1","30s","60m","c","busybox","batch.kubernetes.io/controller-uid=u1"])"},
        row_case{"Lease", lease_strategy,
                 R"({"metadata":{"name":"n1","creationTimestamp":"2024-05-01T11:00:00Z"},"spec":{"holderIdentity":"node-1"}})",
                 R"(["n1","node-1","60m"])"}),
    case_name<row_case>);

TEST(JobStrategy, SelectsItsPodsByItsUidUnlessManual) {
  auto k = job_strategy();
  auto job = json::parse(R"({"spec":{"template":{"metadata":{"labels":{"app":"x"}}}},"status":{"active":3}})").as_object();
  k.prepare_for_create(job, create_context{{}, "u-1"});
  EXPECT_EQ(job["status"], json::parse("{}"));
  EXPECT_EQ(job["spec"].as_object()["selector"],
            json::parse(R"({"matchLabels":{"batch.kubernetes.io/controller-uid":"u-1"}})"));
  EXPECT_EQ(job["spec"].as_object()["template"].as_object()["metadata"],
            json::parse(R"({"labels":{"app":"x","batch.kubernetes.io/controller-uid":"u-1"}})"));

  auto manual = json::parse(R"({"spec":{"manualSelector":true,"selector":{"matchLabels":{"a":"b"}}}})").as_object();
  k.prepare_for_create(manual, create_context{{}, "u-2"});
  EXPECT_EQ(manual["spec"].as_object()["selector"], json::parse(R"({"matchLabels":{"a":"b"}})"));
}

TEST(WorkloadStrategies, ScaleAndStatusSubresources) {
  EXPECT_TRUE(deployment_strategy().has_scale);
  EXPECT_TRUE(replica_set_strategy().has_scale);
  EXPECT_FALSE(daemon_set_strategy().has_scale);
  EXPECT_FALSE(job_strategy().has_scale);
  for (auto make : {deployment_strategy, replica_set_strategy, daemon_set_strategy, job_strategy}) {
    auto k = make();
    EXPECT_TRUE(k.has_status) << k.kind;
    json::object obj{{"status", json::object{{"replicas", 4}}}};
    k.prepare_for_create(obj, create_context{{}, "u"});
    EXPECT_EQ(obj["status"], json::parse("{}")) << k.kind;  // a new object reports nothing yet
  }
  EXPECT_FALSE(lease_strategy().has_status);
}

}  // namespace
}  // namespace navarch::api::test
