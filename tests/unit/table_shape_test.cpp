#include <gtest/gtest.h>

#include "tests/unit/table_test_util.hpp"

namespace json = boost::json;
using namespace navarch::api;

namespace {

const json::value pod = json::parse(R"({"apiVersion":"v1","kind":"Pod",
  "metadata":{"name":"web","namespace":"default","uid":"u1","labels":{"app":"web"},
    "creationTimestamp":"2024-05-01T11:59:58Z"},
  "spec":{"containers":[{"name":"a","image":"x"}]},"status":{"phase":"Pending"}})");

}  // namespace

TEST(TableShape, ColumnsKindAndMetadata) {
  table_options o;
  o.now = test::table_now();
  o.resource_version = "111";
  o.continue_token = "abc";
  auto t = make_table(test::kind_for("pods").table, {&pod}, o);
  EXPECT_EQ(t.at("kind"), "Table");
  EXPECT_EQ(t.at("apiVersion"), "meta.k8s.io/v1");
  EXPECT_EQ(t.at("metadata"), json::parse(R"({"resourceVersion":"111","continue":"abc"})"));
  const auto& cols = t.at("columnDefinitions").as_array();
  std::vector<std::string> names;
  for (const auto& c : cols) names.emplace_back(c.at("name").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                                             "Nominated Node", "Readiness Gates"}));
  EXPECT_EQ(cols[0].at("format"), "name");
  EXPECT_EQ(cols[1].at("format"), "");
  EXPECT_EQ(cols[4].at("priority"), 0);
  EXPECT_EQ(cols[5].at("priority"), 1);
  EXPECT_EQ(cols[3].at("type"), "string");
}

TEST(TableShape, RowCarriesPartialObjectMetadataByDefault) {
  table_options o;
  o.now = test::table_now();
  auto t = make_table(test::kind_for("pods").table, {&pod}, o);
  EXPECT_EQ(t.at("metadata"), json::object{});
  const auto& row = t.at("rows").as_array().at(0);
  EXPECT_EQ(row.at("cells"), json::parse(R"(["web","0/1","Pending","0","2s","<none>","<none>","<none>","<none>"])"));
  EXPECT_EQ(row.at("object").at("kind"), "PartialObjectMetadata");
  EXPECT_EQ(row.at("object").at("apiVersion"), "meta.k8s.io/v1");
  EXPECT_EQ(row.at("object").at("metadata"), pod.at("metadata"));
  EXPECT_FALSE(row.as_object().contains("conditions"));
}

TEST(TableShape, IncludeObjectNoneAndObject) {
  table_options o;
  o.include = table_options::include_object;
  auto full = make_table(test::kind_for("pods").table, {&pod}, o);
  EXPECT_EQ(full.at("rows").as_array().at(0).at("object"), pod);
  o.include = table_options::include_none;
  auto none = make_table(test::kind_for("pods").table, {&pod}, o);
  EXPECT_FALSE(none.at("rows").as_array().at(0).as_object().contains("object"));
}

TEST(TableShape, CompletedPodsGetARowCondition) {
  auto done = json::parse(R"({"metadata":{"name":"d"},"spec":{"containers":[]},"status":{"phase":"Succeeded"}})");
  auto t = make_table(test::kind_for("pods").table, {&done}, table_options{});
  EXPECT_EQ(t.at("rows").as_array().at(0).at("conditions"),
            json::parse(R"([{"type":"Completed","status":"True","reason":"Succeeded",
                             "message":"The pod has completed successfully."}])"));
}

TEST(TableShape, ListsAndWatchEvents) {
  auto other = json::parse(R"({"metadata":{"name":"db"},"spec":{"containers":[]}})");
  auto t = make_table(test::kind_for("pods").table, {&pod, &other}, table_options{});
  ASSERT_EQ(t.at("rows").as_array().size(), 2u);
  EXPECT_EQ(t.at("rows").as_array()[1].at("cells").as_array()[0], "db");
  EXPECT_TRUE(make_table(test::kind_for("pods").table, {}, table_options{}).at("rows").as_array().empty());

  table_options o;
  o.column_definitions = false;
  auto ev = make_watch_table(test::kind_for("pods").table, pod, o);
  EXPECT_FALSE(ev.contains("columnDefinitions"));
  EXPECT_EQ(ev.at("rows").as_array().size(), 1u);
}

TEST(TableShape, EventColumnsPutNameLast) {
  auto t = make_table(test::kind_for("events").table, {}, table_options{});
  const auto& cols = t.at("columnDefinitions").as_array();
  ASSERT_EQ(cols.size(), 10u);
  EXPECT_EQ(cols[0].at("name"), "Last Seen");
  EXPECT_EQ(cols[9].at("name"), "Name");
  EXPECT_EQ(cols[9].at("format"), "name");
  EXPECT_EQ(cols[9].at("priority"), 1);
}

TEST(TableShape, OddInputNeverThrows) {
  for (auto text : {"null", "[]", "{}", R"({"metadata":5,"spec":"x","status":[]})",
                    R"({"metadata":{"name":7},"spec":{"containers":{"a":1},"ports":7}})"}) {
    auto v = json::parse(text);
    for (auto r : {"pods", "services", "nodes", "deployments", "replicasets", "daemonsets", "jobs", "events",
                   "endpoints", "configmaps", "secrets", "namespaces", "leases", "serviceaccounts", "other"})
      EXPECT_NO_THROW(make_table(test::kind_for(r).table, {&v}, table_options{})) << r << " " << text;
  }
}
