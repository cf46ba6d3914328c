// Rules ConfigMaps and Secrets share: data keys, the 1 MiB limit, and `immutable: true`.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api {

inline constexpr int64_t max_config_size = 1024 * 1024;  // core.MaxSecretSize, also the ConfigMap limit

// The keys of `bag` ("data", "binaryData") are config keys not also in `other` (named `other_name`); adds the
// size of their values (decoded, when base64) to `total`.
void validate_data_keys(const boost::json::value& obj, std::string_view bag, const boost::json::object* other,
                        std::string_view other_name, bool base64, int64_t& total, field_errors& errs);

// An object marked `immutable: true` keeps its data and stays immutable.
void validate_immutable_data(const boost::json::value& obj, const boost::json::value& old, field_errors& errs);

}  // namespace navarch::api
