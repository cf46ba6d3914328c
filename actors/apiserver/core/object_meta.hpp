// Server-set object metadata: uid, timestamps (rfc3339 from api/time), generated names, generation, resourceVersion.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/time/rfc3339.hpp"

namespace navarch::api {

using clock = std::chrono::system_clock;

std::string new_uid();                     // random version-4 UUID
std::string random_suffix(size_t length);  // for generateName: lower-case consonants and digits, as Kubernetes

// The object's metadata, created when missing (non-objects are left alone and yield nullptr).
boost::json::object* metadata_of(boost::json::value& obj);
const boost::json::object* metadata_of(const boost::json::value& obj);
const boost::json::object* metadata_of(const boost::json::object& obj);
std::string_view string_field(const boost::json::object* o, std::string_view key);

// True when anything but metadata and status differs: the rule for bumping metadata.generation.
bool spec_changed(const boost::json::object& a, const boost::json::object& b);

int64_t parse_resource_version(std::string_view s);  // -1 when malformed

}  // namespace navarch::api
