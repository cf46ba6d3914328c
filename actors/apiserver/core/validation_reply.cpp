#include "actors/apiserver/core/validation_reply.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/object_meta.hpp"
#include "actors/apiserver/core/resources.hpp"
#include "api/status/status.hpp"
#include "api/validation/field_error.hpp"
#include "api/validation/validate.hpp"

namespace navarch::api {

std::optional<msg::api_response> validate_object(const resource_info& r, const boost::json::object& obj,
                                                 const boost::json::object* old) {
  boost::json::value v = obj;
  auto errs = old ? validate_update(r.plural, v, boost::json::value(*old)) : validate_create(r.plural, v);
  if (errs.empty()) return std::nullopt;
  auto name = string_field(metadata_of(v), "name");
  return invalid_reply(r, name, aggregate_message(errs), status_causes(errs));
}

}  // namespace navarch::api
