#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/patch/merge_patch.hpp"
#include "tests/unit/patch_expect.hpp"

namespace navarch::patch {
namespace {

using boost::json::parse;
using testing::expect_doc;

struct merge_case {
  const char* target;
  const char* patch;
  const char* result;
};

// RFC 7386 appendix A, every row.
TEST(MergePatch, Rfc7386Examples) {
  const merge_case cases[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.target) + " + " + c.patch);
    expect_doc(merge_patch(parse(c.target), parse(c.patch)), c.result);
  }
}

TEST(MergePatch, KubectlLabelAndUnlabel) {
  const auto pod = parse(R"({"metadata":{"name":"web","labels":{"app":"web","tier":"backend"}},"spec":{"x":1}})");
  expect_doc(merge_patch(pod, parse(R"({"metadata":{"labels":{"tier":"frontend"}}})")),
             R"({"metadata":{"name":"web","labels":{"app":"web","tier":"frontend"}},"spec":{"x":1}})");
  expect_doc(merge_patch(pod, parse(R"({"metadata":{"labels":{"tier":null}}})")),
             R"({"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"x":1}})");
}

TEST(MergePatch, ListsAreReplacedWhole) {
  expect_doc(merge_patch(parse(R"({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}})"),
                         parse(R"({"spec":{"containers":[{"name":"a","image":"y"}]}})")),
             R"({"spec":{"containers":[{"name":"a","image":"y"}]}})");
}

TEST(MergePatch, KeepsMemberOrder) {
  const auto result = merge_patch(parse(R"({"a":1,"b":2,"c":3})"), parse(R"({"a":null,"d":4})"));
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(boost::json::serialize(result.doc), R"({"b":2,"c":3,"d":4})");
}

}  // namespace
}  // namespace navarch::patch
