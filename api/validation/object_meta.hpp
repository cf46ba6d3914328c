// metadata checks shared by every kind (ValidateObjectMeta, ValidateObjectMetaUpdate, label and annotation rules).
#pragma once

#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

enum class scope { namespaced, cluster };

void validate_object_meta(const boost::json::value& obj, scope sc, name_check name_fn, field_errors& errs);
void validate_object_meta_update(const boost::json::value& obj, const boost::json::value& old, field_errors& errs);

// Keys are qualified names, values label values; reported against `path` ("metadata.labels").
void validate_labels(const boost::json::value* labels, std::string_view path, field_errors& errs);
// Keys are qualified names; the total of keys and values is at most 256 KiB.
void validate_annotations(const boost::json::value* annotations, std::string_view path, field_errors& errs);

}  // namespace navarch::api
