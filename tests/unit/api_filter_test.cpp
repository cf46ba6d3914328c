// Which lists and watches select everything: those the store may page by itself.
#include <gtest/gtest.h>

#include "actors/apiserver/core/filter.hpp"
#include "api/registry/registry.hpp"

using navarch::api::object_filter;

namespace {
object_filter parsed(const char* labels, const char* fields) {
  const auto* pods = navarch::api::kind_registry().find("", "v1", "pods");
  return std::get<object_filter>(object_filter::parse(labels, fields, *pods));
}
}  // namespace

TEST(ObjectFilter, OnlyNoSelectorAtAllSelectsEverything) {
  EXPECT_TRUE(object_filter().selects_everything());
  EXPECT_TRUE(parsed("", "").selects_everything());
  EXPECT_FALSE(parsed("app=web", "").selects_everything());
  EXPECT_FALSE(parsed("", "metadata.name=x").selects_everything());
  EXPECT_FALSE(parsed("", "spec.nodeName=").selects_everything());
}
