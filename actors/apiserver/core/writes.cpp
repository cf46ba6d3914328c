#include "actors/apiserver/core/writes.hpp"

#include <boost/json.hpp>

#include "actors/apiserver/core/defaults.hpp"
#include "actors/apiserver/core/resources.hpp"
#include "actors/apiserver/core/scale.hpp"
#include "actors/apiserver/core/server_side_apply.hpp"
#include "actors/apiserver/core/service_ips.hpp"
#include "actors/apiserver/core/status.hpp"
#include "actors/apiserver/core/validation_reply.hpp"
#include "api/patch/json_patch.hpp"
#include "api/patch/merge_patch.hpp"
#include "api/patch/strategic_merge_patch.hpp"

namespace navarch::api {

namespace json = boost::json;

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

namespace {

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

void reset_status_on_create(std::string_view kind, json::object& obj) {
  if (kind == "Pod") obj["status"] = json::object{{"phase", "Pending"}};
  else if (kind == "Service") obj["status"] = json::object{{"loadBalancer", json::object{}}};
  else if (kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" || kind == "Job")
    obj["status"] = json::object{};
}

// Jobs select their pods by the job's uid unless the user manages the selector.
void default_job_selector(json::object& obj, std::string_view uid) {
  auto& spec = obj["spec"].as_object();
  if (spec.contains("manualSelector") && spec["manualSelector"] == json::value(true)) return;
  json::object labels{{"batch.kubernetes.io/controller-uid", uid}};
  spec["selector"] = json::object{{"matchLabels", labels}};
  json::value& tmpl = spec["template"];
  if (!tmpl.is_object()) tmpl = json::object{};
  json::object* tmeta = metadata_of(tmpl);
  json::value& tl = (*tmeta)["labels"];
  if (!tl.is_object()) tl = json::object{};
  tl.as_object()["batch.kubernetes.io/controller-uid"] = uid;
}

// What a removal frees besides the object itself.
std::vector<std::string> releases_of(const resource_info& r, const json::object& obj) {
  std::vector<std::string> keys;
  if (r.kind == "Service")
    if (auto key = allocated_ip_key(obj)) keys.push_back(*key);
  return keys;
}

write_plan removal(const resource_info& r, json::object obj) {
  write_plan plan{write_plan::remove, std::move(obj)};
  plan.releases = releases_of(r, plan.object);
  return plan;
}

// What a Service update means for its IPs, as Kubernetes' normalizeClusterIPs and patchAllocatedValues read
// it: no clusterIP keeps the allocated ones; a new clusterIP with the old clusterIPs asks to change the primary
// IP (which validation then refuses: IPs never change once set).
void normalize_cluster_ips(json::object& incoming, const json::object& current) {
  auto cur_spec = current.find("spec");
  if (cur_spec == current.end() || !cur_spec->value().is_object()) return;
  const auto& old = cur_spec->value().as_object();
  auto& spec = incoming["spec"];
  if (!spec.is_object()) spec = json::object{};
  auto& s = spec.as_object();
  const json::value none;
  const json::value& old_ip = old.contains("clusterIP") ? old.at("clusterIP") : none;
  const json::value& old_ips = old.contains("clusterIPs") ? old.at("clusterIPs") : none;
  const auto* ip = s.if_contains("clusterIP");
  const bool ip_given = ip && ip->is_string() && !ip->as_string().empty();
  if (!ip_given) {
    for (auto field : {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
      auto it = old.find(field);
      const auto* given = s.if_contains(field);
      const bool empty = !given || given->is_null() || (given->is_string() && given->as_string().empty()) ||
                         (given->is_array() && given->as_array().empty());
      if (it != old.end() && empty) s[field] = it->value();
    }
    return;
  }
  const auto* ips = s.if_contains("clusterIPs");
  const bool ips_missing = !ips || !ips->is_array() || ips->as_array().empty();
  if (ips_missing && *ip == old_ip) {
    if (!old_ips.is_null()) s["clusterIPs"] = old_ips;  // an old client that only knows clusterIP
  } else if (*ip != old_ip && (ips_missing || *ips == old_ips)) s["clusterIPs"] = json::array{*ip};
}

// The grace period a pod deletion gets: DeleteOptions.gracePeriodSeconds, else the pod's
// terminationGracePeriodSeconds; none for a pod no kubelet runs (unscheduled or already finished).
int64_t pod_grace_period(const json::object& pod, const json::object& options) {
  const json::object* spec = pod.contains("spec") ? pod.at("spec").if_object() : nullptr;
  const json::object* status = pod.contains("status") ? pod.at("status").if_object() : nullptr;
  auto phase = string_field(status, "phase");
  if (string_field(spec, "nodeName").empty() || phase == "Succeeded" || phase == "Failed") return 0;
  if (const auto* g = options.if_contains("gracePeriodSeconds"); g && g->is_int64()) return std::max<int64_t>(0, g->as_int64());
  if (spec)
    if (const auto* g = spec->if_contains("terminationGracePeriodSeconds"); g && g->is_int64()) return g->as_int64();
  return 30;
}

}  // namespace

bool is_apply_patch(std::string_view content_type) {
  return content_type.starts_with("application/apply-patch+yaml");
}

plan_or_error prepare_create(const route& rt, std::string_view body, clock::time_point now) {
  const resource_info& r = *rt.resource;
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
  reset_status_on_create(r.kind, o);
  apply_defaults(r.kind, o);
  if (r.kind == "Job") default_job_selector(o, uid);
  write_plan plan{write_plan::put, {}};
  if (r.kind == "Service") {
    auto ip = assign_cluster_ip(o);
    if (!ip.error.empty()) {
      json::array causes{json::object{{"reason", "FieldValueInvalid"}, {"message", "Invalid value: " + ip.error},
                                      {"field", "spec.clusterIPs"}}};
      return invalid_reply(r, string_field(&meta, "name"), "spec.clusterIPs: Invalid value: " + ip.error, causes);
    }
    if (ip.claim_key) plan.claims.push_back(*ip.claim_key);
    plan.claim_requested = ip.requested;
  }
  if (auto err = validate_object(r, o, nullptr)) return *err;
  plan.object = std::move(o);
  return plan;
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
  auto applied = server_side_apply({}, obj.as_object(), field_manager, rt.resource->kind, rfc3339(now));
  if (!applied.ok) return bad_request(applied.error);
  return prepare_create(rt, json::serialize(applied.object), now);
}

namespace {

// The shared tail of PUT and PATCH on the object or its status: `incoming` is the full desired object.
plan_or_error finish_update(const route& rt, json::object incoming, const json::object& current, int64_t current_rv) {
  const resource_info& r = *rt.resource;
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
    json::object& m = result["metadata"].as_object();
    for (auto field : {"uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
      if (auto it = cur_meta.find(field); it != cur_meta.end()) m[field] = it->value();
      else m.erase(field);
    }
    if (r.kind == "Service") normalize_cluster_ips(result, current);
    if (r.has_status) {
      if (auto it = current.find("status"); it != current.end()) result["status"] = it->value();
      else result.erase("status");
    }
    apply_defaults(r.kind, result);
    if (r.has_status && spec_changed(current, result)) {
      auto gen = m["generation"].is_int64() ? m["generation"].as_int64() : 0;
      m["generation"] = gen + 1;
    }
  }
  if (auto err = validate_object(r, result, &current)) return *err;
  auto& rm = result["metadata"].as_object();
  // An object whose last finalizer goes is removed; one in a graceful deletion (a pod) waits for its kubelet.
  const auto* grace = rm.if_contains("deletionGracePeriodSeconds");
  bool deleting = rm.contains("deletionTimestamp") && (!grace || !grace->is_int64() || grace->as_int64() == 0);
  bool no_finalizers = !rm.contains("finalizers") || !rm["finalizers"].is_array() || rm["finalizers"].as_array().empty();
  if (deleting && no_finalizers && r.kind != "Namespace") return removal(r, std::move(result));
  if (result == current) return write_plan{write_plan::none, std::move(result)};
  return write_plan{write_plan::put, std::move(result)};
}

}  // namespace

plan_or_error prepare_update(const route& rt, std::string_view body, const json::object& current, int64_t current_rv,
                             clock::time_point) {
  auto parsed = parse_object(body);
  if (auto* err = std::get_if<msg::api_response>(&parsed)) return *err;
  if (rt.subresource == "scale") return apply_scale(rt, std::get<json::object>(parsed), current, current_rv);
  return finish_update(rt, std::move(std::get<json::object>(parsed)), current, current_rv);
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
  std::string_view kind = rt.subresource == "scale" ? std::string_view("Scale") : std::string_view(rt.resource->kind);
  patch::patch_result result;
  if (content_type.starts_with("application/json-patch+json")) {
    if (!patch.is_array()) return bad_request("a JSON patch must be an array of operations");
    result = patch::json_patch(base, patch);
  } else if (content_type.starts_with("application/merge-patch+json")) {
    result = patch::merge_patch(base, patch);
  } else if (content_type.starts_with("application/strategic-merge-patch+json")) {
    if (!patch.is_object()) return bad_request("a strategic merge patch must be a JSON object");
    result = patch::strategic_merge_patch(base, patch, kind);
  } else if (is_apply_patch(content_type)) {
    if (auto err = check_field_manager(field_manager)) return *err;
    if (!patch.is_object() || !base.is_object()) return bad_request("an applied configuration must be a JSON object");
    auto applied = server_side_apply(base.as_object(), patch.as_object(), field_manager, kind, rfc3339(now));
    if (!applied.ok) return bad_request(applied.error);
    result.doc = std::move(applied.object);
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
  return finish_update(rt, std::move(result.doc.as_object()), current, current_rv);
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
  if (node.empty()) {
    json::array causes{json::object{{"reason", "FieldValueRequired"}, {"message", "Required value"},
                                    {"field", "target.name"}}};
    return invalid_reply(*rt.resource, rt.name, "target.name: Required value", causes);
  }
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
  const resource_info& r = *rt.resource;
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
  if (r.kind == "Namespace") {
    if (rt.name == "default" || rt.name == "kube-system" || rt.name == "kube-public")
      return status_reply(403, "Forbidden",
                          "namespaces \"" + rt.name + "\" is forbidden: this namespace may not be deleted");
    // The namespace finalizer: mark it Terminating; the apiserver then empties and removes it.
    if (meta.contains("deletionTimestamp")) return write_plan{write_plan::none, std::move(cur.as_object())};
    meta["deletionTimestamp"] = rfc3339(now);
    meta["deletionGracePeriodSeconds"] = 0;
    auto& status = cur.as_object()["status"];
    if (!status.is_object()) status = json::object{};
    status.as_object()["phase"] = "Terminating";
    return write_plan{write_plan::put, std::move(cur.as_object())};
  }
  if (r.kind == "Pod") {
    // Graceful deletion: a pod on a node gets a deadline; its kubelet stops it and then deletes it for good.
    int64_t grace = pod_grace_period(cur.as_object(), options);
    if (grace > 0) {
      if (auto* old = meta.if_contains("deletionGracePeriodSeconds"); old && old->is_int64() && old->as_int64() <= grace)
        return write_plan{write_plan::none, std::move(cur.as_object())};
      meta["deletionTimestamp"] = rfc3339(now + std::chrono::seconds(grace));
      meta["deletionGracePeriodSeconds"] = grace;
      return write_plan{write_plan::put, std::move(cur.as_object())};
    }
  }
  bool has_finalizers = meta.contains("finalizers") && meta["finalizers"].is_array() &&
                        !meta["finalizers"].as_array().empty();
  if (has_finalizers) {
    if (meta.contains("deletionTimestamp")) return write_plan{write_plan::none, std::move(cur.as_object())};
    meta["deletionTimestamp"] = rfc3339(now);
    meta["deletionGracePeriodSeconds"] = 0;
    return write_plan{write_plan::put, std::move(cur.as_object())};
  }
  return removal(r, std::move(cur.as_object()));
}

}  // namespace navarch::api
