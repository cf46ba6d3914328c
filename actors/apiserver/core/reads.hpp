// Rendering what the API returns: single objects, lists and Tables, and continue tokens for paged lists.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "actors/apiserver/core/object_meta.hpp"

namespace navarch::api {

struct kind_strategy;

struct read_format {
  bool table = false;  // meta.k8s.io/v1 Table, as kubectl asks for when printing
  enum include_t { none, metadata, object };
  include_t include_object = metadata;  // what each Table row carries
};

read_format negotiate_format(std::string_view accept, const std::map<std::string, std::string>& query);
std::string_view content_type_of(const read_format& f);

// Stored objects never carry resourceVersion: it is the store's mod revision, set when the object is served.
void stamp_resource_version(boost::json::value& obj, int64_t rv);

std::string render_object(const kind_strategy& r, boost::json::value obj, int64_t rv, const read_format& f,
                          clock::time_point now);

struct list_item {
  std::shared_ptr<const boost::json::value> object;
  int64_t rv = 0;
};
std::string render_list(const kind_strategy& r, const std::vector<list_item>& items, int64_t list_rv,
                        std::string_view continue_token, const read_format& f, clock::time_point now);

// Continue tokens carry the revision the first page was read at and the key to resume after.
std::string encode_continue(int64_t rv, std::string_view last_key);
std::optional<std::pair<int64_t, std::string>> decode_continue(std::string_view token);

}  // namespace navarch::api
