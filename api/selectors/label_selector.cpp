#include "api/selectors/label_selector.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include <boost/json.hpp>

#include "api/validation/field_error.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

bool is_integer(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

// labels.NewRequirement: checks the key, the values and their count for the operator.
std::string make_requirement(std::string key, label_op op, std::vector<std::string> values, label_requirement& out) {
  field_errors errs;
  if (auto m = check_qualified_name(key); !m.empty()) {
    std::string joined;
    for (auto& s : m) joined += (joined.empty() ? "" : "; ") + s;
    errs.push_back(invalid("key", key, joined));
  }
  switch (op) {
    case label_op::in:
    case label_op::not_in:
      if (values.empty()) errs.push_back(invalid_raw("values", "[]string{}", "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case label_op::equals:
    case label_op::double_equals:
    case label_op::not_equals:
      if (values.size() != 1) errs.push_back(required("values", "exact-match compatibility requires one single value"));
      break;
    case label_op::exists:
    case label_op::does_not_exist:
      if (!values.empty()) errs.push_back(forbidden("values", "values set must be empty for exists and does not exist"));
      break;
    case label_op::greater_than:
    case label_op::less_than:
      if (values.size() != 1) errs.push_back(required("values", "for 'Gt', 'Lt' operators, exactly one value is required"));
      for (size_t i = 0; i < values.size(); ++i)
        if (!is_integer(values[i]))
          errs.push_back(invalid(index_path("values", i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
      break;
  }
  if (op != label_op::greater_than && op != label_op::less_than) {
    for (size_t i = 0; i < values.size(); ++i) {
      auto m = check_label_value(values[i]);
      if (m.empty()) continue;
      std::string joined;
      for (auto& s : m) joined += (joined.empty() ? "" : "; ") + s;
      errs.push_back(invalid(key_path(index_path("values", i), key), values[i], joined));
    }
  }
  if (!errs.empty()) return aggregate_message(errs);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  out = label_requirement{std::move(key), op, std::move(values)};
  return {};
}

void sort_requirements(label_selector& s) {
  std::stable_sort(s.requirements.begin(), s.requirements.end(),
                   [](const label_requirement& a, const label_requirement& b) { return a.key < b.key; });
}

// The lexer of labels.Parse: identifiers are runs of anything but whitespace and the operator characters.
class lexer {
 public:
  enum kind { end, ident, comma, open, close, eq, deq, neq, bang, gt, lt, in_kw, notin_kw };
  struct token {
    kind k;
    std::string text;
  };

  explicit lexer(std::string_view s) : s_(s) {}

  token next() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    if (pos_ >= s_.size()) return {end, ""};
    char c = s_[pos_];
    auto two = s_.substr(pos_, 2);
    if (two == "==") return advance(deq, 2);
    if (two == "!=") return advance(neq, 2);
    switch (c) {
      case '=': return advance(eq, 1);
      case '!': return advance(bang, 1);
      case ',': return advance(comma, 1);
      case '(': return advance(open, 1);
      case ')': return advance(close, 1);
      case '>': return advance(gt, 1);
      case '<': return advance(lt, 1);
      default: break;
    }
    size_t start = pos_;
    while (pos_ < s_.size() && !is_space(s_[pos_]) && !is_special(s_[pos_])) ++pos_;
    std::string text(s_.substr(start, pos_ - start));
    if (text == "in") return {in_kw, text};
    if (text == "notin") return {notin_kw, text};
    return {ident, text};
  }

  token peek() {
    size_t saved = pos_;
    token t = next();
    pos_ = saved;
    return t;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
  static bool is_special(char c) {
    return c == '=' || c == '!' || c == ',' || c == '(' || c == ')' || c == '>' || c == '<';
  }
  token advance(kind k, size_t n) {
    token t{k, std::string(s_.substr(pos_, n))};
    pos_ += n;
    return t;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

std::string found(const lexer::token& t) { return "found '" + t.text + "'"; }

class parser {
 public:
  explicit parser(std::string_view text) : lex_(text) {}

  std::string parse(label_selector& out) {
    if (lex_.peek().k == lexer::end) return {};
    for (;;) {
      label_requirement r;
      if (auto err = requirement(r); !err.empty()) return err;
      out.requirements.push_back(std::move(r));
      auto t = lex_.next();
      if (t.k == lexer::end) return {};
      if (t.k != lexer::comma) return found(t) + ", expected: ','";
      if (lex_.peek().k == lexer::end) return "found '', expected: identifier after ','";
    }
  }

 private:
  std::string requirement(label_requirement& r) {
    auto t = lex_.next();
    bool negated = false;
    if (t.k == lexer::bang) {
      negated = true;
      t = lex_.next();
      if (t.k != lexer::ident) return found(t) + ", expected: identifier after '!'";
    } else if (t.k != lexer::ident) {
      return found(t) + ", expected: !, identifier";
    }
    std::string key = t.text;
    auto after = lex_.peek();
    if (negated || after.k == lexer::end || after.k == lexer::comma) {
      if (negated && after.k != lexer::end && after.k != lexer::comma)
        return found(after) + ", expected: ',' or end of string";
      return make_requirement(std::move(key), negated ? label_op::does_not_exist : label_op::exists, {}, r);
    }
    auto op_tok = lex_.next();
    std::optional<label_op> op;
    switch (op_tok.k) {
      case lexer::eq: op = label_op::equals; break;
      case lexer::deq: op = label_op::double_equals; break;
      case lexer::neq: op = label_op::not_equals; break;
      case lexer::in_kw: op = label_op::in; break;
      case lexer::notin_kw: op = label_op::not_in; break;
      case lexer::gt: op = label_op::greater_than; break;
      case lexer::lt: op = label_op::less_than; break;
      default: return found(op_tok) + ", expected: in, notin, =, ==, !=, gt, lt";
    }
    std::vector<std::string> values;
    if (*op == label_op::in || *op == label_op::not_in) {
      if (auto err = value_set(values); !err.empty()) return err;
    } else {
      auto v = lex_.peek();
      if (v.k == lexer::ident || v.k == lexer::in_kw || v.k == lexer::notin_kw) {
        values.push_back(lex_.next().text);
      } else if (v.k == lexer::end || v.k == lexer::comma) {
        values.push_back("");  // "a=" selects an empty value
      } else {
        return found(v) + ", expected: identifier";
      }
    }
    return make_requirement(std::move(key), *op, std::move(values), r);
  }

  // "(" [v ("," v)*] ")"; an empty value between commas counts as "".
  std::string value_set(std::vector<std::string>& values) {
    auto t = lex_.next();
    if (t.k != lexer::open) return found(t) + ", expected: '('";
    if (lex_.peek().k == lexer::close) {
      lex_.next();
      return {};
    }
    for (;;) {
      auto v = lex_.peek();
      if (v.k == lexer::ident || v.k == lexer::in_kw || v.k == lexer::notin_kw) {
        values.push_back(lex_.next().text);
        v = lex_.peek();
      } else if (v.k == lexer::comma || v.k == lexer::close) {
        values.push_back("");
      } else {
        return found(v) + ", expected: ',', ')' or identifier";
      }
      auto sep = lex_.next();
      if (sep.k == lexer::close) return {};
      if (sep.k != lexer::comma) return found(sep) + ", expected: ',' or ')'";
    }
  }

  lexer lex_;
};

std::optional<std::string_view> label_of(const json::object* labels, std::string_view key) {
  if (!labels) return std::nullopt;
  auto* v = labels->if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string_view(v->get_string());
}

bool requirement_matches(const label_requirement& r, const json::object* labels) {
  auto v = label_of(labels, r.key);
  auto in_values = [&] { return v && std::binary_search(r.values.begin(), r.values.end(), std::string(*v)); };
  switch (r.op) {
    case label_op::equals:
    case label_op::double_equals:
    case label_op::in: return in_values();
    case label_op::not_equals:
    case label_op::not_in: return !in_values();
    case label_op::exists: return v.has_value();
    case label_op::does_not_exist: return !v.has_value();
    case label_op::greater_than:
    case label_op::less_than: {
      if (!v || !is_integer(*v)) return false;
      int64_t have = 0, want = 0;
      std::from_chars(v->data(), v->data() + v->size(), have);
      std::from_chars(r.values[0].data(), r.values[0].data() + r.values[0].size(), want);
      return r.op == label_op::greater_than ? have > want : have < want;
    }
  }
  return false;
}

std::string requirement_text(const label_requirement& r) {
  auto joined = [&] {
    std::string s;
    for (size_t i = 0; i < r.values.size(); ++i) s += (i ? "," : "") + r.values[i];
    return s;
  };
  switch (r.op) {
    case label_op::equals: return r.key + "=" + joined();
    case label_op::double_equals: return r.key + "==" + joined();
    case label_op::not_equals: return r.key + "!=" + joined();
    case label_op::in: return r.key + " in (" + joined() + ")";
    case label_op::not_in: return r.key + " notin (" + joined() + ")";
    case label_op::exists: return r.key;
    case label_op::does_not_exist: return "!" + r.key;
    case label_op::greater_than: return r.key + ">" + joined();
    case label_op::less_than: return r.key + "<" + joined();
  }
  return r.key;
}

}  // namespace

label_selector_result parse_label_selector(std::string_view text) {
  label_selector_result res;
  if (auto err = parser(text).parse(res.selector); !err.empty()) {
    res.selector = {};
    res.error = "unable to parse requirement: " + err;
    return res;
  }
  sort_requirements(res.selector);
  return res;
}

label_selector_result label_selector_from_json(const json::value& selector) {
  label_selector_result res;
  if (selector.is_null()) {
    res.selector.nothing = true;
    return res;
  }
  const auto* o = selector.if_object();
  if (!o) {
    res.error = "a label selector must be an object";
    return res;
  }
  auto fail = [&](std::string e) {
    res.selector = {};
    res.error = std::move(e);
    return res;
  };
  if (const auto* ml = o->if_contains("matchLabels"); ml && !ml->is_null()) {
    if (!ml->is_object()) return fail("matchLabels must be an object");
    for (const auto& [k, v] : ml->get_object()) {
      if (!v.is_string()) return fail("matchLabels values must be strings");
      label_requirement r;
      if (auto err = make_requirement(std::string(k), label_op::equals, {std::string(v.get_string())}, r); !err.empty())
        return fail(err);
      res.selector.requirements.push_back(std::move(r));
    }
  }
  if (const auto* me = o->if_contains("matchExpressions"); me && !me->is_null()) {
    if (!me->is_array()) return fail("matchExpressions must be an array");
    for (const auto& e : me->get_array()) {
      const auto* eo = e.if_object();
      if (!eo) return fail("matchExpressions entries must be objects");
      auto str = [&](std::string_view k) -> std::string {
        const auto* v = eo->if_contains(k);
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
      };
      std::string oper = str("operator");
      label_op op;
      if (oper == "In") op = label_op::in;
      else if (oper == "NotIn") op = label_op::not_in;
      else if (oper == "Exists") op = label_op::exists;
      else if (oper == "DoesNotExist") op = label_op::does_not_exist;
      else return fail(go_quote(oper) + " is not a valid label selector operator");
      std::vector<std::string> values;
      if (const auto* vs = eo->if_contains("values"); vs && vs->is_array())
        for (const auto& v : vs->get_array())
          if (v.is_string()) values.emplace_back(v.get_string());
      label_requirement r;
      if (auto err = make_requirement(str("key"), op, std::move(values), r); !err.empty()) return fail(err);
      res.selector.requirements.push_back(std::move(r));
    }
  }
  sort_requirements(res.selector);
  return res;
}

bool matches(const label_selector& s, const json::object* labels) {
  if (s.nothing) return false;
  return std::all_of(s.requirements.begin(), s.requirements.end(),
                     [&](const label_requirement& r) { return requirement_matches(r, labels); });
}

bool matches_object(const label_selector& s, const json::value& obj) {
  const json::object* labels = nullptr;
  if (const auto* o = obj.if_object())
    if (const auto* m = o->if_contains("metadata"); m && m->is_object())
      if (const auto* l = m->get_object().if_contains("labels"); l && l->is_object()) labels = &l->get_object();
  return matches(s, labels);
}

std::string to_string(const label_selector& s) {
  std::string out;
  for (const auto& r : s.requirements) out += (out.empty() ? "" : ",") + requirement_text(r);
  return out;
}

std::string format_labels(const json::object* labels) {
  std::vector<std::string> pairs;
  if (labels)
    for (const auto& [k, v] : *labels)
      pairs.push_back(std::string(k) + "=" + (v.is_string() ? std::string(v.get_string()) : json::serialize(v)));
  if (pairs.empty()) return "<none>";
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& p : pairs) out += (out.empty() ? "" : ",") + p;
  return out;
}

}  // namespace navarch::api
