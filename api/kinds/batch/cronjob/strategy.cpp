#include "api/kinds/batch/cronjob/strategy.hpp"

#include <filesystem>

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/defaults/pod_spec.hpp"
#include "api/kinds/batch/cronjob/schedule.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/age.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/pod.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

// A job name is the CronJob's name and an 11-character suffix, within 63 characters.
constexpr size_t max_name_length = 52;

constexpr patch::field_meta cron_job_spec_fields[] = {patch::nested("jobTemplate", patch::job_template)};
constexpr patch::schema_node cron_job_spec{cron_job_spec_fields};
constexpr patch::field_meta cron_job_fields[] = {patch::nested("metadata", patch::object_meta),
                                                 patch::nested("spec", cron_job_spec)};
constexpr patch::schema_node cron_job{cron_job_fields};

void defaults(json::object& cj) {
  auto& spec = child(cj, "spec");
  set_default(spec, "concurrencyPolicy", "Allow");
  set_default(spec, "suspend", false);
  set_default(spec, "successfulJobsHistoryLimit", 3);
  set_default(spec, "failedJobsHistoryLimit", 1);
  default_pod_template(child(child(spec, "jobTemplate"), "spec"));
}

// time.LoadLocation: UTC, or a name in the IANA database.
void validate_time_zone(const json::value& cj, field_errors& errs) {
  if (!jv::has(cj, {"spec", "timeZone"})) return;
  auto tz = jv::string_at(cj, {"spec", "timeZone"});
  const std::string path = "spec.timeZone";
  if (tz.empty()) {
    errs.push_back(invalid(path, tz, "timeZone must be nil or non-empty string"));
    return;
  }
  bool known = tz == "UTC" || (tz.find("..") == std::string_view::npos && !tz.starts_with("/") &&
                                std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / tz));
  if (!known) errs.push_back(invalid(path, tz, "unknown time zone " + std::string(tz)));
  if (tz == "Local" || tz == "local")
    errs.push_back(invalid(path, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
}

void validate(const json::value& cj, field_errors& errs) {
  auto name = jv::string_at(cj, {"metadata", "name"});
  if (name.size() > max_name_length) errs.push_back(invalid("metadata.name", name, "must be no more than 52 characters"));
  auto schedule = jv::string_at(cj, {"spec", "schedule"});
  if (schedule.empty()) {
    errs.push_back(required("spec.schedule"));
  } else {
    if (auto e = cron::schedule_error(schedule); !e.empty()) errs.push_back(invalid("spec.schedule", schedule, e));
    if (schedule.find("TZ") != std::string_view::npos)
      errs.push_back(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  validate_time_zone(cj, errs);
  validate_non_negative(cj, "startingDeadlineSeconds", errs);
  auto policy = jv::string_at(cj, {"spec", "concurrencyPolicy"});
  if (policy.empty()) errs.push_back(required("spec.concurrencyPolicy"));
  else if (!one_of(policy, {"Allow", "Forbid", "Replace"}))
    errs.push_back(not_supported("spec.concurrencyPolicy", policy, {"Allow", "Forbid", "Replace"}));
  validate_non_negative(cj, "successfulJobsHistoryLimit", errs);
  validate_non_negative(cj, "failedJobsHistoryLimit", errs);

  static const json::value empty = json::object{};
  const auto* job = jv::at(cj, {"spec", "jobTemplate", "spec"});
  const json::value& job_spec = job ? *job : empty;
  for (auto key : {"parallelism", "completions", "backoffLimit", "activeDeadlineSeconds"})
    if (auto v = jv::int_at(job_spec, {key}); v && *v < 0)
      errs.push_back(invalid("spec.jobTemplate.spec." + std::string(key), *v, "must be greater than or equal to 0"));
  validate_pod_template(jv::at(job_spec, {"template"}) ? jv::at(job_spec, {"template"}) : &empty,
                        "spec.jobTemplate.spec.template", {"OnFailure", "Never"}, errs);
  if (const auto* sel = jv::at(job_spec, {"selector"}); sel && !sel->is_null())
    errs.push_back(invalid_raw("spec.jobTemplate.spec.selector", json::serialize(*sel), "`selector` will be auto-generated"));
  if (jv::bool_at(job_spec, {"manualSelector"}))
    errs.push_back(not_supported("spec.jobTemplate.spec.manualSelector", "true", {"nil", "false"}));
}

void cells_of(const json::value& cj, std::chrono::system_clock::time_point now, json::array& out) {
  const auto* suspend = jv::at(cj, {"spec", "suspend"});
  const auto* active = jv::array_at(cj, {"status", "active"});
  auto [names, images] = cells::containers_and_images(jv::at(cj, {"spec", "jobTemplate", "spec", "template", "spec"}));
  out.push_back(json::string(cells::name_of(cj)));
  out.push_back(json::string(jv::string_at(cj, {"spec", "schedule"})));
  out.push_back(json::string(jv::has(cj, {"spec", "timeZone"}) ? jv::string_at(cj, {"spec", "timeZone"})
                                                                : std::string_view("<none>")));
  out.push_back(json::string(suspend && suspend->is_bool() ? (suspend->get_bool() ? "True" : "False") : "<unset>"));
  out.push_back(static_cast<int64_t>(active ? active->size() : 0));
  out.push_back(json::string(jv::has(cj, {"status", "lastScheduleTime"})
                                 ? age_since(jv::string_at(cj, {"status", "lastScheduleTime"}), now)
                                 : std::string("<none>")));
  out.push_back(json::string(cells::age_of(cj, now)));
  out.push_back(json::string(names));
  out.push_back(json::string(images));
  out.push_back(json::string(cells::label_selector_text(jv::at(cj, {"spec", "jobTemplate", "spec", "selector"}))));
}

}  // namespace

kind_strategy cron_job_strategy() {
  kind_strategy s;
  s.group = "batch";
  s.kind = "CronJob";
  s.plural = "cronjobs";
  s.singular = "cronjob";
  s.short_names = {"cj"};
  s.categories = {"all"};
  s.has_status = true;
  s.name_rule = name_is_dns1123_subdomain;
  s.prepare_for_create = clear_status;
  s.defaults = defaults;
  s.validate = validate;
  s.smp = &cron_job;
  s.table = {{name_column(), column("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
              column("Timezone", "The time zone name for the given schedule, see "
                                 "https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
              column("Suspend", "This flag tells the controller to suspend subsequent executions, it does not apply "
                                "to already started executions.  Defaults to false.",
                     "boolean"),
              column("Active", "A list of pointers to currently running jobs.", "integer"),
              column("Last Schedule", "Information when was the last time the job was successfully scheduled."),
              age_column(), containers_column(), images_column(),
              column("Selector", "A label query over pods that should match the pod count. Normally, the system sets "
                                 "this field for you. More info: "
                                 "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
                     "string", 1)},
             cells_of};
  return s;
}

}  // namespace navarch::api
