#include "api/registry/kind_validation.hpp"

#include <boost/json.hpp>

#include "api/validation/object_meta.hpp"

namespace navarch::api {

namespace json = boost::json;

field_errors validate_create(const kind_strategy& kind, const json::value& obj) {
  field_errors errs;
  if (!obj.is_object()) {
    errs.push_back(invalid_raw("", json::serialize(obj), "must be a JSON object"));
    return errs;
  }
  validate_object_meta(obj, kind.namespaced ? scope::namespaced : scope::cluster, kind.name_rule, errs);
  if (kind.validate) kind.validate(obj, errs);
  return errs;
}

field_errors validate_update(const kind_strategy& kind, const json::value& obj, const json::value& old) {
  field_errors errs = validate_create(kind, obj);
  if (!obj.is_object() || !old.is_object()) return errs;
  validate_object_meta_update(obj, old, errs);
  if (kind.validate_update) kind.validate_update(obj, old, errs);
  return errs;
}

}  // namespace navarch::api
