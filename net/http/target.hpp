// Splitting and decoding a request target ("/api/v1/pods?labelSelector=app%3Dweb"). Pure string code.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace navarch::http {

// Decodes %XX escapes (a malformed escape is kept literally); with plus_is_space, '+' becomes ' ' as in
// application/x-www-form-urlencoded query strings.
std::string percent_decode(std::string_view s, bool plus_is_space);

struct parsed_target {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};

// Path percent-decoded without the query; the query split on '&' into decoded name/value pairs (a parameter
// without '=' has an empty value, empty parameters are skipped). A fragment, which clients should not send, is
// dropped.
parsed_target parse_target(std::string_view target);

}  // namespace navarch::http
