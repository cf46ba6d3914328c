// Cron schedules as a CronJob takes them (robfig/cron's standard parser, which Kubernetes uses): five fields
// (minute hour day-of-month month day-of-week) with ranges, steps, lists and month/day names, or a descriptor
// (@hourly, @every 1h30m, ...). The errors are the parser's own words.
#pragma once

#include <string>
#include <string_view>

namespace navarch::api::cron {

// Empty when `spec` parses; otherwise why not ("expected exactly 5 fields, found 1: [foo]").
std::string schedule_error(std::string_view spec);

}  // namespace navarch::api::cron
