#pragma once

// Assertions shared by the patch engine tests.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string_view>

#include "api/patch/patch_result.hpp"

namespace navarch::patch::testing {

// The patch applied and gave `expected` (object member order aside; array order counts).
inline void expect_doc(const patch_result& result, std::string_view expected) {
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.doc, boost::json::parse(expected));
}

// The patch failed, as malformed or as not appliable, with a message containing `fragment`.
inline void expect_error(const patch_result& result, bool malformed, std::string_view fragment) {
  ASSERT_FALSE(result.ok) << "unexpectedly gave " << result.doc;
  EXPECT_EQ(result.malformed, malformed) << result.error;
  EXPECT_NE(result.error.find(fragment), std::string::npos) << result.error;
  EXPECT_TRUE(result.doc.is_null());
}

}  // namespace navarch::patch::testing
