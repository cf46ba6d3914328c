#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/selectors/label_selector.hpp"

namespace json = boost::json;
using namespace navarch::api;

namespace {

json::object labels(std::initializer_list<std::pair<std::string, std::string>> kv) {
  json::object o;
  for (auto& [k, v] : kv) o[k] = v;
  return o;
}

label_selector parse_ok(std::string_view text) {
  auto r = parse_label_selector(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.error;
  return r.selector;
}

}  // namespace

TEST(LabelSelector, EmptySelectsEverything) {
  auto s = parse_ok("");
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(matches(s, nullptr));
  auto l = labels({{"app", "web"}});
  EXPECT_TRUE(matches(s, &l));
  EXPECT_TRUE(matches(parse_ok("   "), &l));
}

TEST(LabelSelector, EqualityForms) {
  auto l = labels({{"app", "web"}, {"tier", "front"}});
  EXPECT_TRUE(matches(parse_ok("app=web"), &l));
  EXPECT_TRUE(matches(parse_ok("app==web"), &l));
  EXPECT_FALSE(matches(parse_ok("app=db"), &l));
  EXPECT_FALSE(matches(parse_ok("app!=web"), &l));
  EXPECT_TRUE(matches(parse_ok("app!=db"), &l));
  EXPECT_TRUE(matches(parse_ok("app=web,tier=front"), &l));
  EXPECT_FALSE(matches(parse_ok("app=web,tier=back"), &l));
}

TEST(LabelSelector, NegativeOperatorsMatchMissingLabels) {
  auto l = labels({{"app", "web"}});
  EXPECT_TRUE(matches(parse_ok("env!=prod"), &l));
  EXPECT_TRUE(matches(parse_ok("env notin (prod)"), &l));
  EXPECT_TRUE(matches(parse_ok("env!=prod"), nullptr));
  EXPECT_FALSE(matches(parse_ok("env=prod"), nullptr));
  EXPECT_FALSE(matches(parse_ok("env in (prod)"), &l));
}

TEST(LabelSelector, SetBasedAndExistence) {
  auto l = labels({{"app", "web"}, {"env", "prod"}});
  EXPECT_TRUE(matches(parse_ok("env in (prod, staging)"), &l));
  EXPECT_TRUE(matches(parse_ok("env in(prod)"), &l));
  EXPECT_FALSE(matches(parse_ok("env notin (prod,staging)"), &l));
  EXPECT_TRUE(matches(parse_ok("app"), &l));
  EXPECT_FALSE(matches(parse_ok("!app"), &l));
  EXPECT_TRUE(matches(parse_ok("!missing"), &l));
  EXPECT_FALSE(matches(parse_ok("missing"), &l));
  EXPECT_TRUE(matches(parse_ok(" app = web , env in ( prod ) , !gone "), &l));
}

TEST(LabelSelector, EmptyValueAndNumericComparison) {
  auto l = labels({{"flag", ""}, {"size", "10"}});
  EXPECT_TRUE(matches(parse_ok("flag="), &l));
  EXPECT_TRUE(matches(parse_ok("size>5"), &l));
  EXPECT_FALSE(matches(parse_ok("size<5"), &l));
  EXPECT_FALSE(matches(parse_ok("size>5"), nullptr));
}

TEST(LabelSelector, PrefixedKeys) {
  auto l = labels({{"kubernetes.io/service-name", "web"}, {"app.kubernetes.io/name", "x"}});
  EXPECT_TRUE(matches(parse_ok("kubernetes.io/service-name=web"), &l));
  EXPECT_TRUE(matches(parse_ok("app.kubernetes.io/name in (x,y)"), &l));
}

TEST(LabelSelector, ParseErrors) {
  for (std::string_view bad : {"app=web,", "=web", "app in (a", "app in x", "app web", "!app=web", "a b c", "app=(x)",
                               "size>abc", "app in ()", ",", "app=a=b"}) {
    auto r = parse_label_selector(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_FALSE(r.error.empty()) << bad;
  }
}

TEST(LabelSelector, InvalidKeyAndValueMessages) {
  auto r = parse_label_selector("-bad=x");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.find("key: Invalid value: \"-bad\": name part must consist of alphanumeric characters"),
            std::string::npos)
      << r.error;
  r = parse_label_selector("app=-x-");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.find("values[0][app]: Invalid value: \"-x-\": a valid label must be an empty string"),
            std::string::npos)
      << r.error;
  std::string long_name(64, 'a');
  r = parse_label_selector(long_name);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.find("name part must be no more than 63 characters"), std::string::npos) << r.error;
}

TEST(LabelSelector, CanonicalString) {
  EXPECT_EQ(to_string(parse_ok("tier in (b, a),app=web,!old,env")), "app=web,env,!old,tier in (a,b)");
  EXPECT_EQ(to_string(parse_ok("a==b,c!=d,e notin (x)")), "a==b,c!=d,e notin (x)");
}

TEST(LabelSelector, FromLabelSelectorObject) {
  auto sel = json::parse(R"({"matchLabels":{"app":"web"},
    "matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]},
                        {"key":"legacy","operator":"DoesNotExist"}]})");
  auto r = label_selector_from_json(sel);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(to_string(r.selector), "app=web,env in (dev,prod),!legacy");
  auto l = labels({{"app", "web"}, {"env", "dev"}});
  EXPECT_TRUE(matches(r.selector, &l));
  auto l2 = labels({{"app", "web"}, {"env", "dev"}, {"legacy", "1"}});
  EXPECT_FALSE(matches(r.selector, &l2));
}

TEST(LabelSelector, FromJsonEmptyAndNull) {
  auto everything = label_selector_from_json(json::parse("{}"));
  ASSERT_TRUE(everything.ok());
  EXPECT_TRUE(matches(everything.selector, nullptr));
  auto nothing = label_selector_from_json(json::value(nullptr));
  ASSERT_TRUE(nothing.ok());
  auto l = labels({{"app", "web"}});
  EXPECT_FALSE(matches(nothing.selector, &l));
}

TEST(LabelSelector, FromJsonErrors) {
  auto r = label_selector_from_json(json::parse(R"({"matchExpressions":[{"key":"a","operator":"Near"}]})"));
  EXPECT_EQ(r.error, "\"Near\" is not a valid label selector operator");
  r = label_selector_from_json(json::parse(R"({"matchExpressions":[{"key":"a","operator":"In","values":[]}]})"));
  EXPECT_NE(r.error.find("values set can't be empty"), std::string::npos) << r.error;
  r = label_selector_from_json(json::parse(R"({"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]})"));
  EXPECT_NE(r.error.find("values set must be empty"), std::string::npos) << r.error;
  r = label_selector_from_json(json::parse(R"({"matchLabels":{"bad key":"x"}})"));
  EXPECT_FALSE(r.ok());
  r = label_selector_from_json(json::parse("[1]"));
  EXPECT_FALSE(r.ok());
}

TEST(LabelSelector, MatchesWholeObjectAndFormatsLabels) {
  auto pod = json::parse(R"({"metadata":{"name":"p","labels":{"b":"2","a":"1"}}})");
  EXPECT_TRUE(matches_object(parse_ok("a=1"), pod));
  EXPECT_FALSE(matches_object(parse_ok("a=2"), pod));
  EXPECT_EQ(format_labels(pod.at("metadata").at("labels").if_object()), "a=1,b=2");
  EXPECT_EQ(format_labels(nullptr), "<none>");
}
