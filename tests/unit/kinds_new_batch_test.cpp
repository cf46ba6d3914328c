// batch/v1 CronJob and its cron schedule parser.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/kinds/batch/cronjob/schedule.hpp"
#include "api/kinds/batch/cronjob/strategy.hpp"
#include "tests/unit/kinds_new_test_util.hpp"

namespace navarch::api {
namespace {

using test::cells;
using test::column_names;
using test::create_errors;
using test::created;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
namespace json = boost::json;

constexpr std::string_view cj_json = R"({"apiVersion":"batch/v1","kind":"CronJob",
  "metadata":{"name":"tick","namespace":"default","creationTimestamp":"2024-05-01T11:00:00Z"},
  "spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure",
  "containers":[{"name":"c","image":"busybox"}]}}}}}})";

TEST(CronScheduleTest, AcceptsWhatRobfigCronAccepts) {
  for (const char* ok : {"*/5 * * * *", "0 0 * * 0", "15,45 9-17 * jan-mar MON-FRI", "@hourly", "@every 1h30m",
                         "0 0 1 */2 ?", "59 23 31 12 6"})
    EXPECT_EQ(cron::schedule_error(ok), "") << ok;
}

TEST(CronScheduleTest, ErrorsAsRobfigCronWordsThem) {
  struct row {
    const char* spec;
    const char* error;
  };
  for (const auto& r : std::vector<row>{
           {"foo", "expected exactly 5 fields, found 1: [foo]"},
           {"* * * *", "expected exactly 5 fields, found 4: [* * * *]"},
           {"60 * * * *", "end of range (60) above maximum (59): 60"},
           {"* * 0 * *", "beginning of range (0) below minimum (1): 0"},
           {"5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"},
           {"*/0 * * * *", "step of range should be a positive number: */0"},
           {"x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"},
           {"@sometimes", "unrecognized descriptor: @sometimes"},
       })
    EXPECT_EQ(cron::schedule_error(r.spec), r.error) << r.spec;
}

TEST(CronJobTest, IdentityAndDefaults) {
  auto k = cron_job_strategy();
  EXPECT_EQ(k.group, "batch");
  EXPECT_THAT(k.short_names, ElementsAre("cj"));
  EXPECT_THAT(k.categories, ElementsAre("all"));
  EXPECT_TRUE(k.has_status);
  auto cj = created(k, cj_json);
  const auto& spec = cj.at("spec");
  EXPECT_EQ(spec.at("concurrencyPolicy"), "Allow");
  EXPECT_EQ(spec.at("suspend"), false);
  EXPECT_EQ(spec.at("successfulJobsHistoryLimit"), 3);
  EXPECT_EQ(spec.at("failedJobsHistoryLimit"), 1);
  EXPECT_EQ(spec.at("jobTemplate").at("spec").at("template").at("spec").at("dnsPolicy"), "ClusterFirst");
  EXPECT_FALSE(spec.at("jobTemplate").at("spec").as_object().contains("completions"));
}

TEST(CronJobTest, Validation) {
  auto k = cron_job_strategy();
  EXPECT_THAT(create_errors(k, cj_json), IsEmpty());
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"tick","namespace":"default"},"spec":{"schedule":"every minute",
      "concurrencyPolicy":"Sometimes","timeZone":"Mars/Olympus","jobTemplate":{"spec":{"template":{"spec":{
      "containers":[{"name":"c","image":"busybox"}]}}}}}})"),
              ElementsAre("spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: "
                          "[every minute]",
                          "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus",
                          "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", "
                          "\"Forbid\", \"Replace\"",
                          "spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": "
                          "supported values: \"OnFailure\", \"Never\""));
  EXPECT_THAT(create_errors(k, R"({"metadata":{"name":"a-name-that-is-longer-than-fifty-two-characters-in-total",
      "namespace":"default"},"spec":{"schedule":"TZ=UTC 0 * * * *","jobTemplate":{"spec":{"template":{"spec":{
      "restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}}})"),
              ElementsAre("metadata.name: Invalid value: \"a-name-that-is-longer-than-fifty-two-characters-in-total\": "
                          "must be no more than 52 characters",
                          "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, "
                          "use timeZone field instead"));
}

TEST(CronJobTest, TableAsKubectlGetPrintsIt) {
  auto k = cron_job_strategy();
  EXPECT_THAT(column_names(k, false),
              ElementsAre("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age"));
  EXPECT_THAT(column_names(k), ElementsAre("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule",
                                           "Age", "Containers", "Images", "Selector"));
  EXPECT_EQ(json::serialize(cells(k, json::serialize(created(k, cj_json)))),
            R"(["tick","*/5 * * * *","<none>","False",0,"<none>","60m","c","busybox","<none>"])");
  EXPECT_EQ(json::serialize(cells(k, R"({"metadata":{"name":"t","creationTimestamp":"2024-05-01T11:00:00Z"},
      "spec":{"schedule":"@hourly","timeZone":"Etc/UTC"},"status":{"active":[{"name":"t-1"}],
      "lastScheduleTime":"2024-05-01T11:58:00Z"}})")),
            R"(["t","@hourly","Etc/UTC","<unset>",1,"2m","60m","","","<none>"])");
}

}  // namespace
}  // namespace navarch::api
