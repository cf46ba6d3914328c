#include "actors/apiserver/core/writes.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/scale.hpp"
#include "actors/apiserver/core/validation_reply.hpp"
#include "api/fieldmanager/managed_fields.hpp"
#include "api/patch/json_patch.hpp"
#include "api/patch/merge_patch.hpp"
#include "api/patch/strategic_merge_patch.hpp"
#include "api/registry/kind_strategy.hpp"
#include "api/status/status.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

std::variant<json::object, msg::api_response> parse_object(std::string_view body) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return bad_request("the body of the request could not be decoded as JSON: " + ec.message());
  if (!v.is_object()) return bad_request("the body of the request must be a JSON object");
  return std::move(v.as_object());
}

// Checks apiVersion/kind against the resource of the URL, filling them when the body leaves them out.
std::optional<msg::api_response> check_type(json::object& obj, std::string_view api_version, std::string_view kind) {
  auto av = string_field(&obj, "apiVersion");
  auto k = string_field(&obj, "kind");
  if (!k.empty() && k != kind)
    return bad_request("the object provided is unrecognized (must be of type " + std::string(kind) +
                       "): the kind in the data is " + std::string(k));
  if (!av.empty() && av != api_version)
    return bad_request("the API version in the data (" + std::string(av) +
                       ") does not match the expected API version (" + std::string(api_version) + ")");
  obj["apiVersion"] = api_version;
  obj["kind"] = kind;
  return std::nullopt;
}

std::optional<msg::api_response> check_namespace(const route& rt, json::object& meta) {
  if (!rt.resource->namespaced) {
    meta.erase("namespace");
    return std::nullopt;
  }
  auto ns = string_field(&meta, "namespace");
  if (!ns.empty() && ns != rt.ns)
    return bad_request("the namespace of the provided object does not match the namespace sent on the request");
  meta["namespace"] = rt.ns;
  return std::nullopt;
}

// A removal frees the store keys the object holds besides itself.
write_plan removal(const kind_strategy& r, json::object obj) {
  write_plan plan{write_plan::remove, std::move(obj)};
  if (r.released_keys) plan.releases = r.released_keys(plan.object);
  return plan;
}

void run_defaults(const kind_strategy& r, json::object& obj) {
  if (r.defaults) r.defaults(obj);
}

}  // namespace

bool is_apply_patch(std::string_view content_type) {
  return content_type.starts_with("application/apply-patch+yaml");
}

namespace {

fields::writer writer_of(const route& rt, const std::string& api_version, const std::string& time) {
  return {rt.field_manager, api_version, rt.subresource, time};
}

// 409 with the fields and their managers, as kube-apiserver refuses a conflicting apply.
msg::api_response apply_conflict(const std::vector<fields::conflict>& conflicts) {
  json::array causes;
  for (const auto& c : conflicts)
    causes.push_back(json::object{{"reason", "FieldManagerConflict"}, {"message", "conflict with " + c.manager},
                                  {"field", c.field}});
  return msg::api_response{409, "application/json",
                           json::serialize(json::object{{"kind", "Status"},
                                                        {"apiVersion", "v1"},
                                                        {"metadata", json::object{}},
                                                        {"status", "Failure"},
                                                        {"message", fields::conflict_message(conflicts)},
                                                        {"reason", "Conflict"},
                                                        {"details", json::object{{"causes", std::move(causes)}}},
                                                        {"code", 409}})};
}

// Server-side apply of `applied` onto `live` by `manager`: the merged object, or the refusal.
std::variant<json::object, msg::api_response> apply_configuration(const route& rt, std::string_view manager,
                                                                  const json::object& live,
                                                                  const json::object& applied,
                                                                  const patch::schema_node* schema,
                                                                  clock::time_point now) {
  const std::string api_version = rt.resource->api_version(), time = rfc3339(now);
  auto out = fields::apply(live, applied, {manager, api_version, rt.subresource, time}, rt.force, schema);
  if (!out.conflicts.empty()) return apply_conflict(out.conflicts);
  if (!out.ok) return bad_request(out.error);
  return std::move(out.object);
}

// `record`: the write is an Update of its field manager; an apply has recorded itself already.
plan_or_error create_object(const route& rt, std::string_view body, clock::time_point now, bool record) {
  const kind_strategy& r = *rt.resource;
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  json::object obj = std::move(std::get<json::object>(parsed));
  if (auto err = check_type(obj, r.api_version(), r.kind)) return *err;
  json::value holder = std::move(obj);
  json::object& meta = *metadata_of(holder);
  json::object& o = holder.as_object();
  if (string_field(&meta, "name").empty() && !string_field(&meta, "generateName").empty())
    meta["name"] = std::string(string_field(&meta, "generateName")) + random_suffix(5);
  if (auto err = check_namespace(rt, meta)) return *err;
  std::string uid = new_uid();
  meta["uid"] = uid;
  meta["creationTimestamp"] = rfc3339(now);
  for (auto field : {"resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"})
    meta.erase(field);
  if (r.has_status) meta["generation"] = 1;
  if (r.prepare_for_create) r.prepare_for_create(o, create_context{now, uid});
  run_defaults(r, o);
  write_plan plan{write_plan::put, {}};
  if (r.claim_keys) {
    auto claims = r.claim_keys(o);
    if (!claims.errors.empty())
      return invalid_fields(r, string_field(metadata_of(holder), "name"), claims.errors);  // `meta` may have moved
    plan.claims = std::move(claims.keys);
    if (claims.requested) plan.claim_taken = std::move(claims.taken);
  }
  if (auto err = validate_object(r, o, nullptr)) return *err;
  if (record) fields::record_update(o, nullptr, writer_of(rt, r.api_version(), rfc3339(now)), r.smp);
  plan.object = std::move(o);
  return plan;
}

}  // namespace

plan_or_error prepare_create(const route& rt, std::string_view body, clock::time_point now) {
  return create_object(rt, body, now, true);
}

namespace {

std::optional<msg::api_response> check_field_manager(std::string_view field_manager) {
  if (!field_manager.empty()) return std::nullopt;
  json::array causes{json::object{{"reason", "FieldValueRequired"},
                                  {"message", "Required value: is required for apply patch"},
                                  {"field", "fieldManager"}}};
  return msg::api_response{422, "application/json",
                           json::serialize(json::object{
                               {"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object{}},
                               {"status", "Failure"},
                               {"message", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                                           "is required for apply patch"},
                               {"reason", "Invalid"},
                               {"details", json::object{{"group", "meta.k8s.io"}, {"kind", "PatchOptions"},
                                                        {"causes", causes}}},
                               {"code", 422}})};
}

}  // namespace

plan_or_error prepare_apply_create(const route& rt, std::string_view body, std::string_view field_manager,
                                   clock::time_point now) {
  if (auto err = check_field_manager(field_manager)) return *err;
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  json::value obj = std::move(std::get<json::object>(parsed));
  json::object& meta = *metadata_of(obj);
  auto name = string_field(&meta, "name");
  if (!name.empty() && name != rt.name)
    return bad_request("the name of the object (" + std::string(name) + ") does not match the name on the URL (" +
                       rt.name + ")");
  meta["name"] = rt.name;
  auto applied = apply_configuration(rt, field_manager, {}, obj.as_object(), rt.resource->smp, now);
  if (auto* err = std::get_if<msg::api_response>(&applied)) return *err;
  return create_object(rt, json::serialize(std::get<json::object>(applied)), now, false);
}

namespace {

// The shared tail of PUT and PATCH on the object or its status: `incoming` is the full desired object.
plan_or_error finish_update(const route& rt, json::object incoming, const json::object& current, int64_t current_rv,
                            clock::time_point now, bool record) {
  const kind_strategy& r = *rt.resource;
  if (auto err = check_type(incoming, r.api_version(), r.kind)) return *err;
  json::value holder = std::move(incoming);
  json::object& meta = *metadata_of(holder);
  auto name = string_field(&meta, "name");
  if (name.empty()) meta["name"] = rt.name;
  else if (name != rt.name)
    return bad_request("the name of the object (" + std::string(name) + ") does not match the name on the URL (" +
                       rt.name + ")");
  if (auto err = check_namespace(rt, meta)) return *err;
  // An empty or "0" resourceVersion asks for an unconditional update, as in Kubernetes.
  auto rv = string_field(&meta, "resourceVersion");
  if (!rv.empty() && rv != "0" && parse_resource_version(rv) != current_rv) return conflict(r, rt.name);
  meta.erase("resourceVersion");

  json::value current_holder = current;
  const json::object& cur_meta = *metadata_of(current_holder);
  json::object result;
  if (rt.subresource == "status") {
    // A status write changes status only; everything else stays as stored.
    result = current;
    if (auto it = holder.as_object().find("status"); it != holder.as_object().end()) result["status"] = it->value();
    else result.erase("status");
  } else {
    result = std::move(holder.as_object());
    // References into `result` are taken anew after each change to it: Boost.JSON's operator[] may reallocate an
    // object's table even when the key exists.
    json::object& m = result["metadata"].as_object();
    for (auto field : {"uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
      if (auto it = cur_meta.find(field); it != cur_meta.end()) m[field] = it->value();
      else m.erase(field);
    }
    if (r.prepare_for_update) r.prepare_for_update(result, current);
    if (r.has_status) {
      if (auto it = current.find("status"); it != current.end()) result["status"] = it->value();
      else result.erase("status");
    }
    run_defaults(r, result);
    if (r.has_status && spec_changed(current, result)) {
      auto& meta_now = result["metadata"].as_object();
      auto gen = meta_now["generation"].is_int64() ? meta_now["generation"].as_int64() : 0;
      meta_now["generation"] = gen + 1;
    }
  }
  if (auto err = validate_object(r, result, &current)) return *err;
  if (record) fields::record_update(result, &current, writer_of(rt, r.api_version(), rfc3339(now)), r.smp);
  auto& rm = result["metadata"].as_object();
  // An object whose last finalizer goes is removed; one in a graceful deletion (a pod) waits for its kubelet, and
  // one the apiserver finalizes (a namespace) for the apiserver.
  const auto* grace = rm.if_contains("deletionGracePeriodSeconds");
  bool deleting = rm.contains("deletionTimestamp") && (!grace || !grace->is_int64() || grace->as_int64() == 0);
  const auto* finalizers = rm.if_contains("finalizers");
  bool no_finalizers = !finalizers || !finalizers->is_array() || finalizers->as_array().empty();
  if (deleting && no_finalizers && !r.finalized_by_apiserver) return removal(r, std::move(result));
  if (result == current) return write_plan{write_plan::none, std::move(result)};
  return write_plan{write_plan::put, std::move(result)};
}

}  // namespace

plan_or_error prepare_update(const route& rt, std::string_view body, const json::object& current, int64_t current_rv,
                             clock::time_point now) {
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  if (rt.subresource == "scale") return apply_scale(rt, std::get<json::object>(parsed), current, current_rv);
  return finish_update(rt, std::move(std::get<json::object>(parsed)), current, current_rv, now, true);
}

plan_or_error prepare_patch(const route& rt, std::string_view content_type, std::string_view field_manager,
                            std::string_view body, const json::object& current, int64_t current_rv,
                            clock::time_point now) {
  json::error_code ec;
  json::value patch = json::parse(body, ec);
  if (ec) return bad_request("the body of the request could not be decoded as JSON: " + ec.message());
  json::value base = rt.subresource == "scale" ? json::value(scale_of(*rt.resource, current, current_rv))
                                               : json::value(current);
  if (rt.subresource != "scale") (*metadata_of(base))["resourceVersion"] = std::to_string(current_rv);
  // A Scale has no list with a strategy.
  const patch::schema_node* schema = rt.subresource == "scale" ? nullptr : rt.resource->smp;
  patch::patch_result result;
  if (content_type.starts_with("application/json-patch+json")) {
    if (!patch.is_array()) return bad_request("a JSON patch must be an array of operations");
    result = patch::json_patch(base, patch);
  } else if (content_type.starts_with("application/merge-patch+json")) {
    result = patch::merge_patch(base, patch);
  } else if (content_type.starts_with("application/strategic-merge-patch+json")) {
    if (!patch.is_object()) return bad_request("a strategic merge patch must be a JSON object");
    result = patch::strategic_merge_patch(base, patch, schema);
  } else if (is_apply_patch(content_type)) {
    if (auto err = check_field_manager(field_manager)) return *err;
    if (!patch.is_object() || !base.is_object()) return bad_request("an applied configuration must be a JSON object");
    auto applied = apply_configuration(rt, field_manager, base.as_object(), patch.as_object(), schema, now);
    if (auto* err = std::get_if<msg::api_response>(&applied)) return *err;
    result.doc = std::move(std::get<json::object>(applied));
  } else {
    return unsupported_media_type(content_type);
  }
  if (!result.ok)
    return result.malformed ? bad_request(result.error)
                            : status_reply(422, "Invalid",
                                           "the server rejected our request due to an error in our request: " +
                                               result.error);
  if (!result.doc.is_object()) return status_reply(422, "Invalid", "the patched document is not a JSON object");
  if (rt.subresource == "scale") return apply_scale(rt, result.doc.as_object(), current, current_rv);
  return finish_update(rt, std::move(result.doc.as_object()), current, current_rv, now, !is_apply_patch(content_type));
}

plan_or_error prepare_binding(const route& rt, std::string_view body, const json::object& current,
                              clock::time_point now) {
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  auto& binding = std::get<json::object>(parsed);
  if (auto kind = string_field(&binding, "kind"); !kind.empty() && kind != "Binding")
    return bad_request("the kind in the data (" + std::string(kind) + ") does not match the expected kind (Binding)");
  if (auto name = string_field(metadata_of(binding), "name"); !name.empty() && name != rt.name)
    return bad_request("the name of the object (" + std::string(name) + ") does not match the name on the URL (" +
                       rt.name + ")");
  const json::value* target = binding.if_contains("target");
  std::string_view node = target && target->is_object() ? string_field(&target->as_object(), "name") : "";
  if (node.empty()) return invalid_fields(*rt.resource, rt.name, {required("target.name")});
  json::object pod = current;
  auto& spec = pod["spec"];
  if (!spec.is_object()) spec = json::object{};
  if (auto assigned = string_field(&spec.as_object(), "nodeName"); !assigned.empty())
    return conflict_message(*rt.resource, rt.name,
                            "pod " + rt.name + " is already assigned to node \"" + std::string(assigned) + "\"");
  if (const auto* meta = metadata_of(pod); meta && meta->contains("deletionTimestamp"))
    return conflict_message(*rt.resource, rt.name, "pod " + rt.name + " is being deleted, cannot be assigned to a host");
  spec.as_object()["nodeName"] = node;
  auto& status = pod["status"];
  if (!status.is_object()) status = json::object{};
  auto& conditions = status.as_object()["conditions"];
  if (!conditions.is_array()) conditions = json::array{};
  auto& list = conditions.as_array();
  for (auto it = list.begin(); it != list.end();)
    it = it->is_object() && string_field(&it->as_object(), "type") == "PodScheduled" ? list.erase(it) : it + 1;
  list.push_back(json::object{{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr},
                              {"lastTransitionTime", rfc3339(now)}});
  return write_plan{write_plan::put, std::move(pod)};
}

plan_or_error prepare_delete(const route& rt, std::string_view options_body, const json::object& current,
                             int64_t current_rv, clock::time_point now) {
  const kind_strategy& r = *rt.resource;
  json::object options;
  if (!options_body.empty()) {
    auto parsed = parse_object(options_body);
    if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
    options = std::move(std::get<json::object>(parsed));
  }
  json::value cur = current;
  json::object& meta = *metadata_of(cur);
  if (auto it = options.find("preconditions"); it != options.end() && it->value().is_object()) {
    const auto& pre = it->value().as_object();
    auto uid = string_field(&pre, "uid");
    if (!uid.empty() && uid != string_field(&meta, "uid"))
      return conflict_message(r, rt.name,
                              "Precondition failed: UID in precondition: " + std::string(uid) +
                                  ", UID in object meta: " + std::string(string_field(&meta, "uid")));
    auto rv = string_field(&pre, "resourceVersion");
    if (!rv.empty() && parse_resource_version(rv) != current_rv)
      return conflict_message(r, rt.name,
                              "Precondition failed: ResourceVersion in precondition: " + std::string(rv) +
                                  ", ResourceVersion in object meta: " + std::to_string(current_rv));
  }
  if (r.delete_forbidden)
    if (auto why = r.delete_forbidden(cur.as_object()); !why.empty())
      return status_reply(403, "Forbidden", r.qualified_name() + " \"" + rt.name + "\" is forbidden: " + why);
  // Marks the object for deletion at `deadline`, with the kind's own changes (a namespace turns Terminating).
  auto mark = [&](clock::time_point deadline, int64_t grace) {
    meta["deletionTimestamp"] = rfc3339(deadline);
    meta["deletionGracePeriodSeconds"] = grace;
    if (r.prepare_for_delete) r.prepare_for_delete(cur.as_object());
    return write_plan{write_plan::put, std::move(cur.as_object())};
  };
  if (r.finalized_by_apiserver) {
    // The apiserver empties and removes it once marked.
    if (meta.contains("deletionTimestamp")) return write_plan{write_plan::none, std::move(cur.as_object())};
    return mark(now, 0);
  }
  // Graceful deletion: a pod on a node gets a deadline; its kubelet stops it and then deletes it for good.
  if (int64_t grace = r.grace_period ? r.grace_period(cur.as_object(), options) : 0; grace > 0) {
    if (auto* old = meta.if_contains("deletionGracePeriodSeconds"); old && old->is_int64() && old->as_int64() <= grace)
      return write_plan{write_plan::none, std::move(cur.as_object())};
    return mark(now + std::chrono::seconds(grace), grace);
  }
  bool has_finalizers = meta.contains("finalizers") && meta["finalizers"].is_array() &&
                        !meta["finalizers"].as_array().empty();
  if (has_finalizers) {
    if (meta.contains("deletionTimestamp")) return write_plan{write_plan::none, std::move(cur.as_object())};
    return mark(now, 0);
  }
  return removal(r, std::move(cur.as_object()));
}

}  // namespace navarch::api
