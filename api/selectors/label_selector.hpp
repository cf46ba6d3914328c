// Label selectors with Kubernetes' syntax and semantics (k8s.io/apimachinery/pkg/labels): parsed from the
// labelSelector query parameter or built from a metav1.LabelSelector object, matched against an object's labels.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api {

enum class label_op { equals, double_equals, not_equals, in, not_in, exists, does_not_exist, greater_than, less_than };

struct label_requirement {
  std::string key;
  label_op op = label_op::exists;
  std::vector<std::string> values;  // sorted; one for =, ==, !=, >, <; none for exists and !
};

// A conjunction of requirements, sorted by key. No requirements selects everything; `nothing` selects nothing
// (what a null metav1.LabelSelector means).
struct label_selector {
  std::vector<label_requirement> requirements;
  bool nothing = false;

  bool empty() const { return requirements.empty() && !nothing; }
};

struct label_selector_result {
  label_selector selector;
  std::string error;  // non-empty on failure: a message for a 400 BadRequest
  bool ok() const { return error.empty(); }
};

// "a=b,c!=d,e in (x,y),f notin (z),g,!h,n>3"; whitespace around tokens is ignored; "" selects everything.
label_selector_result parse_label_selector(std::string_view text);

// From a metav1.LabelSelector: {"matchLabels":{...},"matchExpressions":[{"key","operator","values"}]}.
// null selects nothing, {} selects everything.
label_selector_result label_selector_from_json(const boost::json::value& selector);

// `labels` is the object's metadata.labels (nullptr when it has none). != and notin match a missing label.
bool matches(const label_selector& s, const boost::json::object* labels);
// Reads metadata.labels of a whole object.
bool matches_object(const label_selector& s, const boost::json::value& obj);

// The canonical text, as labels.Selector.String(): "app=web,tier in (a,b)"; "" for everything and nothing.
std::string to_string(const label_selector& s);

// labels.FormatLabels: "a=b,c=d" with keys sorted, "<none>" when empty.
std::string format_labels(const boost::json::object* labels);

}  // namespace navarch::api
