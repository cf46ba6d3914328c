#include "api/validation/names.hpp"

#include <arpa/inet.h>

#include <initializer_list>

namespace navarch::api {

namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

std::string max_len_error(size_t n) { return "must be no more than " + std::to_string(n) + " characters"; }

// The wording of validation.RegexError, double space before each "or" included.
std::string regex_error(std::string msg, std::string_view fmt, std::initializer_list<std::string_view> examples) {
  msg += " (e.g. ";
  bool first = true;
  for (auto e : examples) {
    if (!first) msg += " or ";
    first = false;
    msg += "'";
    msg += e;
    msg += "', ";
  }
  msg += "regex used for validation is '";
  msg += fmt;
  msg += "')";
  return msg;
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool is_label_syntax(std::string_view s) {
  if (s.empty() || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool is_qualified_syntax(std::string_view s) {
  if (s.empty() || !alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

constexpr std::string_view qualified_name_msg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
constexpr std::string_view qualified_name_fmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

std::string mask_trailing_dash(std::string_view v) {
  std::string s(v);
  if (s.size() > 1 && s.back() == '-') s.back() = 'a';
  return s;
}

}  // namespace

messages check_dns1123_label(std::string_view value) {
  messages errs;
  if (value.size() > 63) errs.push_back(max_len_error(63));
  if (!is_label_syntax(value))
    errs.push_back(regex_error("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                               "and must start and end with an alphanumeric character",
                               "[a-z0-9]([-a-z0-9]*[a-z0-9])?", {"my-name", "123-abc"}));
  return errs;
}

messages check_dns1123_subdomain(std::string_view value) {
  messages errs;
  if (value.size() > 253) errs.push_back(max_len_error(253));
  bool ok = !value.empty();
  size_t start = 0;
  while (ok) {
    size_t dot = value.find('.', start);
    ok = is_label_syntax(value.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (!ok)
    errs.push_back(regex_error(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        "start and end with an alphanumeric character",
        "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*", {"example.com"}));
  return errs;
}

messages check_dns1035_label(std::string_view value) {
  messages errs;
  if (value.size() > 63) errs.push_back(max_len_error(63));
  if (!is_label_syntax(value) || !(value.front() >= 'a' && value.front() <= 'z'))
    errs.push_back(regex_error("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                               "with an alphabetic character, and end with an alphanumeric character",
                               "[a-z]([-a-z0-9]*[a-z0-9])?", {"my-name", "abc-123"}));
  return errs;
}

messages check_qualified_name(std::string_view value) {
  messages errs;
  std::string_view name = value;
  size_t slash = value.find('/');
  if (slash != std::string_view::npos) {
    if (value.find('/', slash + 1) != std::string_view::npos) {
      errs.push_back("a qualified name " +
                     regex_error(std::string(qualified_name_msg), qualified_name_fmt, {"MyName", "my.name", "123-abc"}) +
                     " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    std::string_view prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (auto& m : check_dns1123_subdomain(prefix)) errs.push_back("prefix part " + m);
    }
  }
  if (name.empty()) errs.push_back("name part must be non-empty");
  else if (name.size() > 63) errs.push_back("name part " + max_len_error(63));
  if (!is_qualified_syntax(name))
    errs.push_back("name part " +
                   regex_error(std::string(qualified_name_msg), qualified_name_fmt, {"MyName", "my.name", "123-abc"}));
  return errs;
}

messages check_label_value(std::string_view value) {
  messages errs;
  if (value.size() > 63) errs.push_back(max_len_error(63));
  if (!value.empty() && !is_qualified_syntax(value))
    errs.push_back(regex_error("a valid label must be an empty string or consist of alphanumeric characters, '-', "
                               "'_' or '.', and must start and end with an alphanumeric character",
                               "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", {"MyValue", "my_value", "12345"}));
  return errs;
}

messages check_config_key(std::string_view value) {
  messages errs;
  if (value.size() > 253) errs.push_back(max_len_error(253));
  bool ok = !value.empty();
  for (char c : value)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') ok = false;
  if (!ok)
    errs.push_back(regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                               "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key-name"}));
  if (value == ".") errs.push_back("must not be '.'");
  else if (value == "..") errs.push_back("must not be '..'");
  else if (value.starts_with("..")) errs.push_back("must not start with '..'");
  return errs;
}

messages check_port_number(int64_t port) {
  if (port >= 1 && port <= 65535) return {};
  return {"must be between 1 and 65535, inclusive"};
}

messages check_port_name(std::string_view value) {
  messages errs;
  if (value.size() > 15) errs.push_back(max_len_error(15));
  bool charset = !value.empty(), letter = false;
  for (char c : value) {
    if (!lower_alnum(c) && c != '-') charset = false;
    if (c >= 'a' && c <= 'z') letter = true;
  }
  if (!charset) errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!letter) errs.push_back("must contain at least one letter (a-z)");
  if (value.find("--") != std::string_view::npos) errs.push_back("must not contain consecutive hyphens");
  if (!value.empty() && (value.front() == '-' || value.back() == '-'))
    errs.push_back("must not begin or end with a hyphen");
  return errs;
}

messages check_ip(std::string_view value) {
  std::string s(value);
  unsigned char buf[16];
  if (inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1) return {};
  return {"must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"};
}

std::string ascii_lowercase(std::string_view value) {
  std::string out(value);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

messages name_is_dns1123_subdomain(std::string_view value, bool prefix) {
  return check_dns1123_subdomain(prefix ? mask_trailing_dash(value) : std::string(value));
}
messages name_is_dns1123_label(std::string_view value, bool prefix) {
  return check_dns1123_label(prefix ? mask_trailing_dash(value) : std::string(value));
}
messages name_is_dns1035_label(std::string_view value, bool prefix) {
  return check_dns1035_label(prefix ? mask_trailing_dash(value) : std::string(value));
}

messages name_is_path_segment(std::string_view value, bool prefix) {
  if (!prefix)
    for (std::string_view bad : {".", ".."})
      if (value == bad) return {"may not be '" + std::string(bad) + "'"};
  messages errs;
  for (std::string_view bad : {"/", "%"})
    if (value.find(bad) != std::string_view::npos) errs.push_back("may not contain '" + std::string(bad) + "'");
  return errs;
}

}  // namespace navarch::api
