// The pure half of every write: from a request body and the stored object to what should be stored.
// The actor does the store round trips; these functions decide, so tests can drive every rule directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <variant>

#include <boost/json/object.hpp>

#include "actors/apiserver/core/object_meta.hpp"
#include "actors/apiserver/core/route.hpp"
#include "api/validation/field_error.hpp"

namespace navarch::api {

struct write_plan {
  enum action_t { put, remove, none };
  write_plan() = default;
  write_plan(action_t a, boost::json::object o) : action(a), object(std::move(o)) {}
  action_t action = put;
  boost::json::object object;  // the object to store (put), or the one being removed / returned as is
  // Store keys that must be free and are claimed with the write (a Service's ClusterIP), and keys freed with a
  // removal. A claim the user chose that is taken is the error `claim_taken`; a picked one is picked again.
  std::vector<std::string> claims;
  std::optional<field_error> claim_taken;
  std::vector<std::string> releases;
};

using plan_or_error = std::variant<write_plan, msg::api_response>;

// POST: a new object from the body (server-set fields, defaults, validation). Its store key follows from it.
plan_or_error prepare_create(const route& rt, std::string_view body, clock::time_point now);

// PUT of the object, its status or its scale. `current` is the stored object, `current_rv` its revision.
plan_or_error prepare_update(const route& rt, std::string_view body, const boost::json::object& current,
                             int64_t current_rv, clock::time_point now);

// PATCH with one of the four patch content types, on the object, its status or its scale. `field_manager` names
// the applier of a server-side apply (application/apply-patch+yaml), where it is required.
plan_or_error prepare_patch(const route& rt, std::string_view content_type, std::string_view field_manager,
                            std::string_view body, const boost::json::object& current, int64_t current_rv,
                            clock::time_point now);

// Server-side apply of an object that does not exist yet: creates it from the body.
plan_or_error prepare_apply_create(const route& rt, std::string_view body, std::string_view field_manager,
                                   clock::time_point now);

// POST pods/<name>/binding: assigns an unassigned pod to the node named by the Binding's target.
plan_or_error prepare_binding(const route& rt, std::string_view body, const boost::json::object& current,
                              clock::time_point now);

// DELETE with DeleteOptions: remove now, or mark for deletion while finalizers remain.
plan_or_error prepare_delete(const route& rt, std::string_view options_body, const boost::json::object& current,
                             int64_t current_rv, clock::time_point now);

bool is_apply_patch(std::string_view content_type);

}  // namespace navarch::api
