#include "api/fieldmanager/managed_fields.hpp"

#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "api/patch/json_equal.hpp"
#include "api/patch/strategic_merge_patch.hpp"

namespace navarch::api::fields {

namespace json = boost::json;

namespace {

constexpr std::string_view last_applied_annotation = "kubectl.kubernetes.io/last-applied-configuration";

std::string string_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object& metadata_of(json::object& obj) {
  auto& meta = obj["metadata"];
  if (!meta.is_object()) meta = json::object{};
  return meta.as_object();
}

const json::object* annotations_of(const json::object& obj) {
  const auto* meta = obj.if_contains("metadata");
  const auto* ann = meta && meta->is_object() ? meta->as_object().if_contains("annotations") : nullptr;
  return ann ? ann->if_object() : nullptr;
}

bool same_entry(const manager_entry& e, const writer& who, std::string_view operation) {
  return e.manager == who.manager && e.operation == operation && e.subresource == who.subresource;
}

// How kube-apiserver names a manager in a conflict.
std::string describe(const manager_entry& e) {
  std::string out = "\"" + e.manager + "\"";
  if (!e.subresource.empty()) out += " with subresource \"" + e.subresource + "\"";
  return out + " using " + e.api_version;
}

bool is_leaf_value(const json::value* v) { return !(v && v->is_object() && !v->as_object().empty()); }

// kubectl's upgrade from client-side to server-side apply: conflicts on fields that the last client-side apply
// set, and that still hold that value, are not conflicts (the same person applied them).
bool allowed_by_last_applied(const json::object& live, const path& p) {
  const auto* ann = annotations_of(live);
  const auto* text = ann ? ann->if_contains(last_applied_annotation) : nullptr;
  if (!text || !text->is_string()) return false;
  json::error_code ec;
  json::value last = json::parse(text->as_string(), ec);
  if (ec) return false;
  const json::value live_value = live;
  const auto* was = value_at(last, p);
  const auto* is = value_at(live_value, p);
  return was && is && patch::json_equal(*was, *is);
}

// The annotation kubectl's client-side apply reads, rewritten from the configuration applied server-side, so a
// later client-side apply computes its patch from what was really applied last.
void update_last_applied(json::object& result, const json::object& applied) {
  json::object config = applied;
  auto& cmeta = metadata_of(config);
  if (auto* ann = cmeta.if_contains("annotations"); ann && ann->is_object()) {
    ann->as_object().erase(last_applied_annotation);
    if (ann->as_object().empty()) cmeta.erase("annotations");
  }
  auto& ann = metadata_of(result)["annotations"];
  if (!ann.is_object()) ann = json::object{};
  ann.as_object()[last_applied_annotation] = json::serialize(config) + "\n";
}

}  // namespace

std::vector<manager_entry> read_managed_fields(const json::object& obj) {
  std::vector<manager_entry> out;
  const auto* meta = obj.if_contains("metadata");
  const auto* mf = meta && meta->is_object() ? meta->as_object().if_contains("managedFields") : nullptr;
  if (!mf || !mf->is_array()) return out;
  for (const auto& v : mf->as_array()) {
    const auto* e = v.if_object();
    if (!e) continue;
    manager_entry entry{string_of(*e, "manager"), string_of(*e, "operation"), string_of(*e, "apiVersion"),
                        string_of(*e, "time"),    string_of(*e, "subresource"), {}};
    if (const auto* f = e->if_contains("fieldsV1"); f && f->is_object()) entry.fields = from_fields_v1(f->as_object());
    if (entry.manager.empty() && entry.operation.empty() && entry.fields.empty()) continue;
    out.push_back(std::move(entry));
  }
  return out;
}

void write_managed_fields(json::object& obj, const std::vector<manager_entry>& entries) {
  json::array list;
  for (const auto& e : entries) {
    if (e.fields.empty()) continue;
    json::object o{{"manager", e.manager}, {"operation", e.operation}, {"apiVersion", e.api_version}};
    if (!e.time.empty()) o["time"] = e.time;
    o["fieldsType"] = "FieldsV1";
    o["fieldsV1"] = to_fields_v1(e.fields);
    if (!e.subresource.empty()) o["subresource"] = e.subresource;
    list.push_back(std::move(o));
  }
  auto& meta = metadata_of(obj);
  if (list.empty()) meta.erase("managedFields");
  else meta["managedFields"] = std::move(list);
}

void record_update(json::object& after, const json::object* before, const writer& who,
                   const patch::schema_node* schema) {
  // Ownership is the server's record: what a client sends in managedFields is ignored unless it changes them.
  auto entries = read_managed_fields(before ? *before : after);
  if (before) {
    auto sent = read_managed_fields(after);
    if (const auto* meta = after.if_contains("metadata"); meta && meta->is_object() &&
                                                          meta->as_object().contains("managedFields")) {
      const auto* old_mf = before->if_contains("metadata");
      bool changed = !old_mf || !old_mf->is_object() ||
                     !patch::json_equal(meta->as_object().at("managedFields"),
                                        old_mf->as_object().contains("managedFields")
                                            ? old_mf->as_object().at("managedFields")
                                            : json::value(json::array{}));
      if (changed) entries = std::move(sent);
    }
  }
  json::object bare_after = after, bare_before = before ? *before : json::object{};
  metadata_of(bare_after).erase("managedFields");
  metadata_of(bare_before).erase("managedFields");
  field_set changed = changed_fields(bare_before, bare_after, schema);
  if (changed.empty()) {
    write_managed_fields(after, entries);
    return;
  }
  // What a manager owns must still be there.
  const json::value after_value = bare_after;
  auto present = [&](field_set set) {
    std::erase_if(set, [&](const path& p) { return !value_at(after_value, p); });
    return set;
  };
  auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return same_entry(e, who, "Update"); });
  if (it == entries.end()) {
    entries.push_back({std::string(who.manager), "Update", std::string(who.api_version), {},
                       std::string(who.subresource), {}});
    it = entries.end() - 1;
  }
  for (auto& e : entries)
    if (&e != &*it) e.fields = present(set_difference(e.fields, changed));
  it->fields = present(set_union(it->fields, changed));
  it->time = std::string(who.time);
  it->api_version = std::string(who.api_version);
  write_managed_fields(after, entries);
}

apply_outcome apply(const json::object& live, const json::object& applied, const writer& who, bool force,
                    const patch::schema_node* schema) {
  apply_outcome out;
  auto entries = read_managed_fields(live);
  const field_set now = fields_of(applied, schema);
  const json::value live_value = live, applied_value = applied;

  // Fields another manager owns whose value this apply would change.
  std::map<size_t, field_set> taken;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (same_entry(entries[i], who, "Apply")) continue;
    for (const auto& p : set_intersection(entries[i].fields, now)) {
      const auto* want = value_at(applied_value, p);
      const auto* have = value_at(live_value, p);
      if (!is_leaf_value(want) || !have || patch::json_equal(*want, *have)) continue;
      taken[i].insert(p);
      if (!force && !(who.manager == "kubectl" && allowed_by_last_applied(live, p)))
        out.conflicts.push_back({describe(entries[i]), path_string(p)});
    }
  }
  if (!out.conflicts.empty()) {
    out.ok = false;
    return out;
  }
  for (auto& [i, fields] : taken) entries[i].fields = set_difference(entries[i].fields, fields);

  // Fields this manager applied before but no longer applies go, unless someone else still owns them.
  json::value base = live;
  auto mine = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return same_entry(e, who, "Apply"); });
  if (mine != entries.end()) {
    field_set others;
    for (const auto& e : entries)
      if (&e != &*mine) others = set_union(others, e.fields);
    const field_set dropped = set_difference(set_difference(mine->fields, now), others);
    // Deepest first, so a list element goes after its fields were looked up through it.
    for (auto p = dropped.rbegin(); p != dropped.rend(); ++p) erase_at(base, *p);
  }
  auto merged = patch::strategic_merge_patch(base, applied_value, schema);
  if (!merged.ok || !merged.doc.is_object()) {
    out.ok = false;
    out.error = merged.error.empty() ? "the applied configuration is not an object" : merged.error;
    return out;
  }
  if (mine == entries.end()) {
    entries.push_back({std::string(who.manager), "Apply", {}, {}, std::string(who.subresource), {}});
    mine = entries.end() - 1;
  }
  const auto* av = applied.if_contains("apiVersion");
  mine->api_version = av && av->is_string() ? std::string(av->as_string()) : std::string(who.api_version);
  mine->time = std::string(who.time);
  mine->fields = now;
  out.object = std::move(merged.doc.as_object());
  if (who.manager == "kubectl" && annotations_of(live) && annotations_of(live)->contains(last_applied_annotation))
    update_last_applied(out.object, applied);
  write_managed_fields(out.object, entries);
  return out;
}

std::string conflict_message(const std::vector<conflict>& conflicts) {
  if (conflicts.size() == 1)
    return "Apply failed with 1 conflict: conflict with " + conflicts[0].manager + ": " + conflicts[0].field;
  std::map<std::string, std::vector<std::string>> by_manager;
  for (const auto& c : conflicts) by_manager[c.manager].push_back(c.field);
  std::string text = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: ";
  bool first = true;
  for (const auto& [manager, paths] : by_manager) {
    if (!first) text += "\n";
    first = false;
    text += "conflicts with " + manager + ":";
    for (const auto& p : paths) text += "\n- " + p;
  }
  return text;
}

}  // namespace navarch::api::fields
