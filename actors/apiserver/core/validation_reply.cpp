#include "actors/apiserver/core/validation_reply.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/object_meta.hpp"
#include "api/registry/kind_validation.hpp"
#include "api/status/status.hpp"

namespace navarch::api {

std::optional<msg::api_response> validate_object(const kind_strategy& r, const boost::json::object& obj,
                                                 const boost::json::object* old) {
  boost::json::value v = obj;
  auto errs = old ? validate_update(r, v, boost::json::value(*old)) : validate_create(r, v);
  if (errs.empty()) return std::nullopt;
  return invalid_fields(r, string_field(metadata_of(v), "name"), errs);
}

msg::api_response invalid_fields(const kind_strategy& r, std::string_view name, const field_errors& errs) {
  return invalid_reply(r, name, aggregate_message(errs), status_causes(errs));
}

}  // namespace navarch::api
