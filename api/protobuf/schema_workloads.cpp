// apps/v1 Deployment, batch/v1 Job and CronJob, policy/v1 PodDisruptionBudget, scheduling.k8s.io/v1
// PriorityClass: what `kubectl create deployment|job|cronjob|pdb|priorityclass` send. Statuses are the
// controllers'; a client sends them empty.
#include "api/protobuf/schema.hpp"

namespace navarch::api::protobuf {

namespace {
using k = value_kind;
using meta::label_selector;
using meta::object_meta;
constinit const message empty_status{"Status", {}};
}  // namespace

namespace apps {
namespace {
constexpr field rolling_update_fields[] = {of_kind(1, "maxUnavailable", k::int_or_string),
                                           of_kind(2, "maxSurge", k::int_or_string)};
constinit const message rolling_update{"RollingUpdateDeployment", rolling_update_fields};
constexpr field strategy_fields[] = {str(1, "type"), msg(2, "rollingUpdate", &rolling_update)};
constinit const message strategy{"DeploymentStrategy", strategy_fields};
constexpr field deployment_spec_fields[] = {
    i32p(1, "replicas"), msg(2, "selector", &label_selector), msg(3, "template", &core::pod_template_spec),
    msg(4, "strategy", &strategy), i32(5, "minReadySeconds"), i32p(6, "revisionHistoryLimit"),
    boolean(7, "paused"), i32p(9, "progressDeadlineSeconds")};
constinit const message deployment_spec{"DeploymentSpec", deployment_spec_fields};
}  // namespace
constexpr field deployment_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &deployment_spec),
                                       msg(3, "status", &empty_status)};
constinit const message deployment{"Deployment", deployment_fields};
}  // namespace apps

namespace batch {
namespace {
constexpr field exit_codes_fields[] = {strp(1, "containerName"), str(2, "operator"), i32s(3, "values")};
constinit const message exit_codes{"PodFailurePolicyOnExitCodesRequirement", exit_codes_fields};
constexpr field pod_conditions_fields[] = {str(1, "type"), str(2, "status")};
constinit const message pod_conditions{"PodFailurePolicyOnPodConditionsPattern", pod_conditions_fields};
constexpr field failure_rule_fields[] = {str(1, "action"), msg(2, "onExitCodes", &exit_codes),
                                         msgs(3, "onPodConditions", &pod_conditions)};
constinit const message failure_rule{"PodFailurePolicyRule", failure_rule_fields};
constexpr field pod_failure_policy_fields[] = {msgs(1, "rules", &failure_rule)};
constinit const message pod_failure_policy{"PodFailurePolicy", pod_failure_policy_fields};
constexpr field success_rule_fields[] = {strp(1, "succeededIndexes"), i32p(2, "succeededCount")};
constinit const message success_rule{"SuccessPolicyRule", success_rule_fields};
constexpr field success_policy_fields[] = {msgs(1, "rules", &success_rule)};
constinit const message success_policy{"SuccessPolicy", success_policy_fields};
constexpr field job_spec_fields[] = {
    i32p(1, "parallelism"), i32p(2, "completions"), i64p(3, "activeDeadlineSeconds"),
    msg(11, "podFailurePolicy", &pod_failure_policy), msg(16, "successPolicy", &success_policy),
    i32p(7, "backoffLimit"), i32p(12, "backoffLimitPerIndex"), i32p(13, "maxFailedIndexes"),
    msg(4, "selector", &label_selector), boolp(5, "manualSelector"), msg(6, "template", &core::pod_template_spec),
    i32p(8, "ttlSecondsAfterFinished"), strp(9, "completionMode"), boolp(10, "suspend"),
    strp(14, "podReplacementPolicy"), strp(15, "managedBy")};
constinit const message job_spec{"JobSpec", job_spec_fields};
constexpr field job_template_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &job_spec)};
constinit const message job_template{"JobTemplateSpec", job_template_fields};
constexpr field cron_job_spec_fields[] = {
    str(1, "schedule"), strp(8, "timeZone"), i64p(2, "startingDeadlineSeconds"), str(3, "concurrencyPolicy"),
    boolp(4, "suspend"), msg(5, "jobTemplate", &job_template), i32p(6, "successfulJobsHistoryLimit"),
    i32p(7, "failedJobsHistoryLimit")};
constinit const message cron_job_spec{"CronJobSpec", cron_job_spec_fields};
}  // namespace
constexpr field job_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &job_spec),
                                msg(3, "status", &empty_status)};
constinit const message job{"Job", job_fields};
constexpr field cron_job_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &cron_job_spec),
                                     msg(3, "status", &empty_status)};
constinit const message cron_job{"CronJob", cron_job_fields};
}  // namespace batch

namespace policy {
namespace {
constexpr field pdb_spec_fields[] = {of_kind(1, "minAvailable", k::int_or_string),
                                     msg(2, "selector", &label_selector),
                                     of_kind(3, "maxUnavailable", k::int_or_string),
                                     strp(4, "unhealthyPodEvictionPolicy")};
constinit const message pdb_spec{"PodDisruptionBudgetSpec", pdb_spec_fields};
}  // namespace
constexpr field pdb_fields[] = {msg(1, "metadata", &object_meta), msg(2, "spec", &pdb_spec),
                                msg(3, "status", &empty_status)};
constinit const message pod_disruption_budget{"PodDisruptionBudget", pdb_fields};
}  // namespace policy

namespace scheduling {
// `value` has no omitempty: a priority of 0 is sent and kept.
constexpr field priority_class_fields[] = {msg(1, "metadata", &object_meta), i32p(2, "value"),
                                           boolean(3, "globalDefault"), str(4, "description"),
                                           strp(5, "preemptionPolicy")};
constinit const message priority_class{"PriorityClass", priority_class_fields};
}  // namespace scheduling

}  // namespace navarch::api::protobuf
