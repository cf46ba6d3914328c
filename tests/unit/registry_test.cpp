// The registry of kinds: lookups, discovery order and groups, registration at run time beside readers.
#include <algorithm>
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "api/registry/registry.hpp"

namespace navarch::api {
namespace {

kind_strategy widget(std::string version = "v1", std::string plural = "widgets") {
  kind_strategy k;
  k.group = "example.com";
  k.version = std::move(version);
  k.kind = "Widget";
  k.plural = std::move(plural);
  k.singular = "widget";
  return k;
}

// What `kubectl api-resources` lists for the first built-in kinds: name, group, namespaced, short names, kind.
std::string identity(const kind_strategy& k) {
  std::string s = k.plural + " " + k.api_version() + (k.namespaced ? " ns " : " cluster ") + k.kind;
  for (const auto& n : k.short_names) s += " " + n;
  for (const auto& c : k.categories) s += " [" + c + "]";
  if (k.has_status) s += " +status";
  if (k.has_scale) s += " +scale";
  return s;
}

TEST(Registry, BuiltInKindsKeepTheirIdentityAndDiscoveryOrder) {
  // Kinds added later may come between these; these must stay, in this order, as they were.
  const std::vector<std::string> expected = {
      "namespaces v1 cluster Namespace ns +status",
      "nodes v1 cluster Node no +status",
      "pods v1 ns Pod po [all] +status",
      "services v1 ns Service svc [all] +status",
      "endpoints v1 ns Endpoints ep",
      "configmaps v1 ns ConfigMap cm",
      "secrets v1 ns Secret",
      "events v1 ns Event ev",
      "serviceaccounts v1 ns ServiceAccount sa",
      "deployments apps/v1 ns Deployment deploy [all] +status +scale",
      "replicasets apps/v1 ns ReplicaSet rs [all] +status +scale",
      "daemonsets apps/v1 ns DaemonSet ds [all] +status",
      "jobs batch/v1 ns Job [all] +status",
      "leases coordination.k8s.io/v1 ns Lease",
  };
  std::vector<std::string> seen;
  for (const auto& k : kind_registry().snapshot()->all()) {
    auto id = identity(*k);
    if (std::find(expected.begin(), expected.end(), id) != expected.end()) seen.push_back(id);
  }
  EXPECT_EQ(seen, expected);
  for (const auto& k : kind_registry().snapshot()->all())
    EXPECT_EQ(k->verbs, (std::vector<std::string>{"create", "delete", "deletecollection", "get", "list", "patch",
                                                  "update", "watch"}))
        << k->kind;
}

TEST(Registry, LookupsByPluralKindAndStoreKey) {
  auto& r = kind_registry();
  ASSERT_NE(r.find("apps", "v1", "deployments"), nullptr);
  EXPECT_EQ(r.find("apps", "v1", "deployments")->kind, "Deployment");
  EXPECT_EQ(r.find("", "v1", "deployments"), nullptr);
  EXPECT_EQ(r.find("apps", "v2", "deployments"), nullptr);
  EXPECT_EQ(r.find_kind("batch", "Job")->plural, "jobs");
  EXPECT_EQ(r.find_kind("", "Job"), nullptr);
  EXPECT_EQ(r.find_stored("leases")->group, "coordination.k8s.io");
  EXPECT_EQ(r.find_stored("nothing"), nullptr);
  auto groups = r.snapshot()->groups();
  ASSERT_GE(groups.size(), 3u);
  EXPECT_EQ(groups[0].name, "apps");
  EXPECT_EQ(groups[0].versions, std::vector<std::string>{"v1"});
  for (const auto& g : groups) EXPECT_FALSE(g.name.empty());
}

TEST(Registry, RegistrationMakesANewSnapshotAndKeepsOldOnes) {
  registry r;
  auto before = r.snapshot();
  EXPECT_EQ(r.add(widget()), "");
  EXPECT_EQ(before->all().size(), 0u);  // a reader's snapshot does not change under it
  const kind_strategy* v1 = r.find("example.com", "v1", "widgets");
  ASSERT_NE(v1, nullptr);

  auto replaced = widget();
  replaced.short_names = {"wd"};
  EXPECT_EQ(r.add(replaced), "");
  EXPECT_EQ(r.snapshot()->all().size(), 1u);
  EXPECT_EQ(r.find("example.com", "v1", "widgets")->short_names, std::vector<std::string>{"wd"});
  EXPECT_EQ(v1->plural, "widgets");  // the replaced strategy is still alive

  EXPECT_EQ(r.add(widget("v2")), "");
  auto groups = r.snapshot()->groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].versions, (std::vector<std::string>{"v1", "v2"}));
  EXPECT_EQ(r.find_kind("example.com", "Widget")->version, "v1");  // the preferred version comes first
}

TEST(Registry, RefusesIncompleteAndClashingKinds) {
  registry r({widget()});
  EXPECT_EQ(r.add(widget("v1", "gadgets")), "kind Widget is already served as widgets.example.com");
  kind_strategy nameless;
  nameless.plural = "things";
  EXPECT_EQ(r.add(nameless), "a kind needs a kind name, a plural and a version");
  EXPECT_EQ(r.snapshot()->all().size(), 1u);
}

TEST(Registry, ReadersNeverSeeAHalfRegisteredKind) {
  registry r({widget()});
  std::atomic<bool> done{false};
  std::atomic<int> misses{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i)
    readers.emplace_back([&] {
      while (!done) {
        auto set = r.snapshot();
        if (!set->find("example.com", "v1", "widgets")) ++misses;
        for (const auto& k : set->all())
          if (k->kind.empty() || k->plural.empty()) ++misses;
      }
    });
  for (int i = 0; i < 200; ++i) {
    auto k = widget("v1", "widgets" + std::to_string(i));
    k.kind = "Widget" + std::to_string(i);
    ASSERT_EQ(r.add(std::move(k)), "");
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(misses, 0);
  EXPECT_EQ(r.snapshot()->all().size(), 201u);
}

}  // namespace
}  // namespace navarch::api
