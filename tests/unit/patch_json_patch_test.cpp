#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/patch/json_patch.hpp"
#include "tests/unit/patch_expect.hpp"

namespace navarch::patch {
namespace {

using boost::json::parse;
using testing::expect_doc;
using testing::expect_error;

patch_result apply(std::string_view doc, std::string_view ops) { return json_patch(parse(doc), parse(ops)); }

// RFC 6902 appendix A.

TEST(JsonPatch, AddsObjectMember) {
  expect_doc(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])"),
             R"({"baz":"qux","foo":"bar"})");
}

TEST(JsonPatch, AddsArrayElementBeforeIndex) {
  expect_doc(apply(R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])"),
             R"({"foo":["bar","qux","baz"]})");
}

TEST(JsonPatch, RemovesObjectMember) {
  expect_doc(apply(R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])"), R"({"foo":"bar"})");
}

TEST(JsonPatch, RemovesArrayElement) {
  expect_doc(apply(R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])"),
             R"({"foo":["bar","baz"]})");
}

TEST(JsonPatch, ReplacesValue) {
  expect_doc(apply(R"({"baz":"qux","foo":"bar"})", R"([{"op":"replace","path":"/baz","value":"boo"}])"),
             R"({"baz":"boo","foo":"bar"})");
}

TEST(JsonPatch, MovesValue) {
  expect_doc(apply(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
                   R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])"),
             R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})");
}

TEST(JsonPatch, MovesArrayElement) {
  expect_doc(apply(R"({"foo":["all","grass","cows","eat"]})", R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])"),
             R"({"foo":["all","cows","eat","grass"]})");
}

TEST(JsonPatch, TestsSucceed) {
  expect_doc(apply(R"({"baz":"qux","foo":["a",2,"c"]})",
                   R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])"),
             R"({"baz":"qux","foo":["a",2,"c"]})");
}

TEST(JsonPatch, FailedTestIsAnError) {
  expect_error(apply(R"({"baz":"qux"})", R"([{"op":"test","path":"/baz","value":"bar"}])"), false,
               "test operation failed");
}

TEST(JsonPatch, AddsNestedMember) {
  expect_doc(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])"),
             R"({"foo":"bar","child":{"grandchild":{}}})");
}

TEST(JsonPatch, IgnoresUnrecognizedMembers) {
  expect_doc(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])"),
             R"({"foo":"bar","baz":"qux"})");
}

TEST(JsonPatch, AddToMissingParentFails) {
  expect_error(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz/bat","value":"qux"}])"), false,
               "/baz/bat does not exist");
}

TEST(JsonPatch, UnescapesTildeAndSlash) {
  expect_doc(
      apply(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10},{"op":"add","path":"/~1","value":1}])"),
      R"({"/":1,"~1":10})");
}

TEST(JsonPatch, TestComparesTypes) {
  expect_error(apply(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":"10"}])"), false,
               "test operation failed");
}

TEST(JsonPatch, TestComparesNumbersByValueAndObjectsWithoutOrder) {
  expect_doc(apply(R"({"a":{"x":1,"y":[2.0]}})", R"([{"op":"test","path":"/a","value":{"y":[2],"x":1.0}}])"),
             R"({"a":{"x":1,"y":[2.0]}})");
}

TEST(JsonPatch, DashAppendsToArray) {
  expect_doc(apply(R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])"),
             R"({"foo":["bar",["abc","def"]]})");
}

// Beyond the appendix.

TEST(JsonPatch, CopiesValue) {
  expect_doc(
      apply(R"({"a":{"b":[1]}})", R"([{"op":"copy","from":"/a/b","path":"/c"},{"op":"add","path":"/c/-","value":2}])"),
      R"({"a":{"b":[1]},"c":[1,2]})");
}

TEST(JsonPatch, ReplacesAndAddsWholeDocument) {
  expect_doc(apply(R"({"a":1})", R"([{"op":"replace","path":"","value":{"b":2}}])"), R"({"b":2})");
  expect_doc(apply(R"({"a":1})", R"([{"op":"add","path":"","value":[1]}])"), R"([1])");
}

TEST(JsonPatch, AddAtArrayEndByIndex) {
  expect_doc(apply(R"({"a":[1]})", R"([{"op":"add","path":"/a/1","value":2}])"), R"({"a":[1,2]})");
}

TEST(JsonPatch, AddReplacesExistingMember) {
  expect_doc(apply(R"({"a":1})", R"([{"op":"add","path":"/a","value":2}])"), R"({"a":2})");
}

TEST(JsonPatch, MoveToSamePathIsNoOp) {
  expect_doc(apply(R"({"a":1})", R"([{"op":"move","from":"/a","path":"/a"}])"), R"({"a":1})");
}

TEST(JsonPatch, EmptyPatchLeavesDocument) { expect_doc(apply(R"({"a":1})", "[]"), R"({"a":1})"); }

TEST(JsonPatch, IsAtomic) {
  // The first operation applies to the working copy only; the failure reports no document.
  expect_error(apply(R"({"a":1})", R"([{"op":"remove","path":"/a"},{"op":"test","path":"/a","value":1}])"), false,
               "/a does not exist");
}

TEST(JsonPatch, ArrayIndexErrors) {
  expect_error(apply(R"({"a":[1]})", R"([{"op":"add","path":"/a/2","value":0}])"), false, "out of bounds");
  expect_error(apply(R"({"a":[1]})", R"([{"op":"replace","path":"/a/1","value":0}])"), false, "out of bounds");
  expect_error(apply(R"({"a":[1]})", R"([{"op":"remove","path":"/a/-"}])"), false, "not a valid array index");
  expect_error(apply(R"({"a":[1,2]})", R"([{"op":"remove","path":"/a/01"}])"), false, "not a valid array index");
  expect_error(apply(R"({"a":[1]})", R"([{"op":"remove","path":"/a/x"}])"), false, "not a valid array index");
  expect_error(apply(R"({"a":[1]})", R"([{"op":"remove","path":"/a/99999999999999999999999"}])"), false,
               "not a valid array index");
}

TEST(JsonPatch, PathErrors) {
  expect_error(apply(R"({"a":1})", R"([{"op":"remove","path":"/b"}])"), false, "/b does not exist");
  expect_error(apply(R"({"a":1})", R"([{"op":"replace","path":"/b","value":1}])"), false, "/b does not exist");
  expect_error(apply(R"({"a":1})", R"([{"op":"add","path":"/a/b","value":1}])"), false, "/a/b does not exist");
  expect_error(apply(R"({"a":1})", R"([{"op":"copy","from":"/x","path":"/b"}])"), false, "/x does not exist");
  expect_error(apply(R"({"a":1})", R"([{"op":"remove","path":""}])"), false, "whole document");
  expect_error(apply(R"({"a":{"b":1}})", R"([{"op":"move","from":"/a","path":"/a/b/c"}])"), false, "own child");
}

TEST(JsonPatch, MalformedPatches) {
  expect_error(apply(R"({})", R"({"op":"add","path":"/a","value":1})"), true, "JSON array");
  expect_error(apply(R"({})", R"([1])"), true, "not a JSON object");
  expect_error(apply(R"({})", R"([{"path":"/a"}])"), true, "no \"op\"");
  expect_error(apply(R"({})", R"([{"op":"add","value":1}])"), true, "no \"path\"");
  expect_error(apply(R"({})", R"([{"op":"add","path":"/a"}])"), true, "no \"value\"");
  expect_error(apply(R"({})", R"([{"op":"move","path":"/a"}])"), true, "no \"from\"");
  expect_error(apply(R"({})", R"([{"op":7,"path":"/a"}])"), true, "must be a string");
  expect_error(apply(R"({})", R"([{"op":"frobnicate","path":"/a"}])"), true, "unknown op");
  expect_error(apply(R"({})", R"([{"op":"add","path":"a","value":1}])"), true, "must be empty or start with '/'");
  expect_error(apply(R"({})", R"([{"op":"add","path":"/a~2","value":1}])"), true, "invalid escape");
  expect_error(apply(R"({})", R"([{"op":"add","path":"/a~","value":1}])"), true, "invalid escape");
}

}  // namespace
}  // namespace navarch::patch
