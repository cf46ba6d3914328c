// Rules shared by the kinds that own pods through a selector and a pod template (Deployment, ReplicaSet,
// DaemonSet, Job, ...).
#pragma once

#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

// spec.selector is set, non-empty, well formed, and selects the template's labels. `kind_word` ends the message
// "empty selector is invalid for <kind_word>".
void validate_template_selector(std::string_view kind_word, const boost::json::value& obj, field_errors& errs);

// Deployment, ReplicaSet, DaemonSet: the template's pods restart Always and carry no activeDeadlineSeconds.
void validate_replicated_template(std::string_view kind, const boost::json::value& obj, field_errors& errs);

// On update: spec.selector is immutable.
void validate_selector_unchanged(const boost::json::value& obj, const boost::json::value& old, field_errors& errs);

}  // namespace navarch::api
