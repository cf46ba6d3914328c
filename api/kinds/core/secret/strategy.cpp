#include "api/kinds/core/secret/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/kinds/core/config_data.hpp"
#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "net/codec/base64.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& secret, field_errors& errs) {
  int64_t total = 0;
  validate_data_keys(secret, "data", nullptr, "", true, total, errs);
  if (total > max_config_size) errs.push_back(too_long("data", max_config_size));
  auto type = jv::string_at(secret, {"type"});
  auto need_key = [&](std::string_view key) {
    if (jv::string_at(secret, {"data", key}).empty()) errs.push_back(required(key_path("data", key)));
  };
  if (type == "kubernetes.io/tls") {
    need_key("tls.key");
    need_key("tls.crt");
  } else if (type == "kubernetes.io/dockerconfigjson") {
    need_key(".dockerconfigjson");
  } else if (type == "kubernetes.io/dockercfg") {
    need_key(".dockercfg");
  } else if (type == "kubernetes.io/ssh-auth") {
    need_key("ssh-privatekey");
  } else if (type == "kubernetes.io/basic-auth") {
    if (jv::string_at(secret, {"data", "username"}).empty() && jv::string_at(secret, {"data", "password"}).empty())
      errs.push_back(required("data[username]"));
  } else if (type == "kubernetes.io/service-account-token") {
    if (jv::string_at(secret, {"metadata", "annotations", "kubernetes.io/service-account.name"}).empty())
      errs.push_back(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
}

// stringData is write-only: its values are merged into data (base64, winning over data's) and dropped.
void merge_string_data(json::object& secret) {
  auto it = secret.find("stringData");
  if (it == secret.end()) return;
  // Taken out first: child() below may reallocate the secret's table (Boost.JSON's operator[] reserves).
  json::value strings = std::move(it->value());
  secret.erase("stringData");
  if (!strings.is_object()) return;
  auto& data = child(secret, "data");
  for (const auto& kv : strings.as_object())
    if (kv.value().is_string()) data[kv.key()] = codec::base64_encode(kv.value().as_string());
}

// A Secret keeps its type; one marked immutable keeps its data.
void validate_update(const json::value& obj, const json::value& old, field_errors& errs) {
  auto type = jv::string_at(obj, {"type"});
  if (type != jv::string_at(old, {"type"})) errs.push_back(field_immutable("type", type));
  validate_immutable_data(obj, old, errs);
}

void secret_cells(const json::value& s, std::chrono::system_clock::time_point now, json::array& out) {
  const auto* data = jv::object_at(s, {"data"});
  out.push_back(json::string(cells::name_of(s)));
  out.push_back(json::string(jv::string_at(s, {"type"})));
  out.push_back(static_cast<int64_t>(data ? data->size() : 0));
  out.push_back(json::string(cells::age_of(s, now)));
}

}  // namespace

kind_strategy secret_strategy() {
  kind_strategy k;
  k.kind = "Secret";
  k.plural = "secrets";
  k.singular = "secret";
  k.defaults = [](json::object& obj) {
    set_default(obj, "type", "Opaque");
    merge_string_data(obj);
  };
  k.validate = validate;
  k.validate_update = validate_update;
  k.selectable_fields = {{"type", {"type"}, ""}};
  k.smp = &patch::metadata_only;
  k.table = {{name_column(), column("Type", "Used to facilitate programmatic handling of secret data."),
              column("Data", "Data contains the secret data."), age_column()},
             secret_cells};
  return k;
}

}  // namespace navarch::api
