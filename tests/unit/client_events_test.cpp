#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/selectors/field_selector.hpp"
#include "tests/unit/kinds_test_util.hpp"
#include "actors/client/events.hpp"

namespace json = boost::json;

TEST(ClientEvents, EventRefersToItsObjectAndMatchesDescribesSelector) {
  json::object pod{{"kind", "Pod"},
                   {"apiVersion", "v1"},
                   {"metadata", json::object{{"name", "web"}, {"namespace", "prod"}, {"uid", "u-1"}}}};
  auto ev = navarch::client::make_event(pod, "Warning", "FailedScheduling", "0/1 nodes are available",
                                        {"default-scheduler", ""}, std::chrono::system_clock::now());
  auto& meta = ev["metadata"].as_object();
  EXPECT_EQ(meta["namespace"], "prod");
  EXPECT_EQ(std::string(meta["name"].as_string()).rfind("web.", 0), 0u);
  EXPECT_EQ(ev["involvedObject"].as_object()["uid"], "u-1");
  EXPECT_EQ(ev["type"], "Warning");
  // kubectl describe pod lists events with exactly this kind of selector.
  auto sel = navarch::api::parse_field_selector(
      "involvedObject.name=web,involvedObject.namespace=prod,involvedObject.uid=u-1",
      navarch::api::test::kind_for("events").selectable_fields);
  ASSERT_TRUE(sel.ok()) << sel.error;
  EXPECT_TRUE(navarch::api::matches(sel.selector, json::value(ev)));
}
