// Changing the cluster with kubectl: create, apply (client- and server-side), replace, patch (all types), label,
// annotate, scale, delete, dry runs and namespaces.
#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

class KubectlWrite : public KubectlTest {};

TEST_P(KubectlWrite, CreateFromFileThenAlreadyExists) {
  const auto pod = (examples_dir() / "pod.yaml").string();
  auto first = in_ns({"create", "-f", pod});
  ASSERT_KUBECTL_OK(first);
  EXPECT_EQ(first.out, "pod/hello created\n") << first;
  auto second = in_ns({"create", "-f", pod});
  EXPECT_KUBECTL_FAILS(second);
  EXPECT_NE(second.err.find("Error from server (AlreadyExists): error when creating \"" + pod +
                            "\": pods \"hello\" already exists"),
            std::string::npos)
      << second;
}

std::string deployment_manifest(const std::string& labels, int replicas, const std::string& image) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n" + labels +
         "spec:\n  replicas: " + std::to_string(replicas) +
         "\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n"
         "    spec:\n      containers:\n      - name: api\n        image: " + image + "\n";
}

TEST_P(KubectlWrite, ApplyClientSideCreatedConfiguredUnchanged) {
  auto file = manifest("api.yaml", deployment_manifest("    app: api\n    tier: a\n", 1, "nginx:1.25"));
  auto created = in_ns({"apply", "-f", file});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "deployment.apps/api created\n") << created;
  EXPECT_EQ(jsonpath("deployment", "api", "{.metadata.labels.tier}"), "a");

  // Drop a label, scale up, change the image: a strategic merge patch computed from last-applied.
  manifest("api.yaml", deployment_manifest("    app: api\n", 3, "nginx:1.26"));
  auto configured = in_ns({"apply", "-f", file});
  ASSERT_KUBECTL_OK(configured);
  EXPECT_EQ(configured.out, "deployment.apps/api configured\n") << configured;
  EXPECT_EQ(jsonpath("deployment", "api", "{.spec.replicas}"), "3");
  EXPECT_EQ(jsonpath("deployment", "api", "{.spec.template.spec.containers[*].name}"), "api");
  EXPECT_EQ(jsonpath("deployment", "api", "{.spec.template.spec.containers[0].image}"), "nginx:1.26");
  EXPECT_EQ(jsonpath("deployment", "api", "{.metadata.labels.tier}"), "");
  EXPECT_EQ(jsonpath("deployment", "api", "{.metadata.labels.app}"), "api");
  EXPECT_NE(jsonpath("deployment", "api",
                     R"({.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration})")
                .find("nginx:1.26"),
            std::string::npos);

  auto unchanged = in_ns({"apply", "-f", file});
  ASSERT_KUBECTL_OK(unchanged);
  EXPECT_EQ(unchanged.out, "deployment.apps/api unchanged\n") << unchanged;
}

TEST_P(KubectlWrite, ApplyServerSideCreatesAndUpdates) {
  const std::string head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n";
  auto file = manifest("cfg.yaml", head + "  a: \"1\"\n");
  auto created = in_ns({"apply", "--server-side", "-f", file});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "configmap/cfg serverside-applied\n") << created;
  EXPECT_EQ(jsonpath("configmap", "cfg", "{.data.a}"), "1");

  manifest("cfg.yaml", head + "  a: \"2\"\n  b: \"3\"\n");
  auto updated = in_ns({"apply", "--server-side", "-f", file});
  ASSERT_KUBECTL_OK(updated);
  EXPECT_EQ(updated.out, "configmap/cfg serverside-applied\n") << updated;
  EXPECT_EQ(jsonpath("configmap", "cfg", "{.data.a} {.data.b}"), "2 3");
}

TEST_P(KubectlWrite, ApplyServerSideRemovesFieldItNoLongerApplies) {
  const std::string head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\ndata:\n";
  auto file = manifest("owned.yaml", head + "  a: \"1\"\n  b: \"2\"\n");
  ASSERT_KUBECTL_OK(in_ns({"apply", "--server-side", "-f", file}));
  manifest("owned.yaml", head + "  b: \"2\"\n");
  ASSERT_KUBECTL_OK(in_ns({"apply", "--server-side", "-f", file}));
  EXPECT_EQ(jsonpath("configmap", "owned", "{.data}"), R"({"b":"2"})");
}

TEST_P(KubectlWrite, ReplaceWithStaleObjectConflicts) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "x", "--from-literal=k=old"}));
  auto stale = in_ns({"get", "configmap", "x", "-o", "yaml"});
  ASSERT_KUBECTL_OK(stale);
  auto stale_file = manifest("stale.yaml", stale.out);
  ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "x", "touched=yes"}));

  auto conflict = in_ns({"replace", "-f", stale_file});
  EXPECT_KUBECTL_FAILS(conflict);
  EXPECT_NE(conflict.err.find("Error from server (Conflict)"), std::string::npos) << conflict;
  EXPECT_NE(conflict.err.find("Operation cannot be fulfilled on configmaps \"x\""), std::string::npos) << conflict;

  // Without a resourceVersion kubectl takes the live one, and replace swaps the whole object.
  auto fresh = manifest("fresh.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: new\n");
  auto replaced = in_ns({"replace", "-f", fresh});
  ASSERT_KUBECTL_OK(replaced);
  EXPECT_EQ(replaced.out, "configmap/x replaced\n") << replaced;
  EXPECT_EQ(jsonpath("configmap", "x", "{.data.k}"), "new");
  EXPECT_EQ(jsonpath("configmap", "x", "{.metadata.labels.touched}"), "");
}

TEST_P(KubectlWrite, PatchStrategicMergeUsesContainerNames) {
  ASSERT_KUBECTL_OK(in_ns({"create", "deployment", "api", "--image=nginx:1.25"}));
  const std::string containers = "{.spec.template.spec.containers[*].name}";
  auto add = in_ns({"patch", "deployment", "api", "-p",
                    R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}})"});
  ASSERT_KUBECTL_OK(add);
  EXPECT_EQ(add.out, "deployment.apps/api patched\n") << add;
  // Kubernetes' merge puts patch items not in the live list first (mergeSortedSlice), so the sidecar leads.
  EXPECT_EQ(jsonpath("deployment", "api", containers), "sidecar nginx");

  ASSERT_KUBECTL_OK(in_ns({"patch", "deployment", "api", "--type=strategic", "-p",
                           R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}})"}));
  EXPECT_EQ(jsonpath("deployment", "api", "{.spec.template.spec.containers[*].image}"), "busybox:1.36 nginx:1.26");

  ASSERT_KUBECTL_OK(in_ns({"patch", "deployment", "api", "-p",
                           R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}})"}));
  EXPECT_EQ(jsonpath("deployment", "api", containers), "nginx");
}

TEST_P(KubectlWrite, PatchMergeAndNoChange) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "m", "--from-literal=a=1", "--from-literal=b=2"}));
  const std::string patch = R"({"data":{"a":null,"c":"3"},"metadata":{"labels":{"tier":"web"}}})";
  auto patched = in_ns({"patch", "configmap", "m", "--type=merge", "-p", patch});
  ASSERT_KUBECTL_OK(patched);
  EXPECT_EQ(patched.out, "configmap/m patched\n") << patched;
  EXPECT_EQ(jsonpath("configmap", "m", "{.data}"), R"({"b":"2","c":"3"})");
  EXPECT_EQ(jsonpath("configmap", "m", "{.metadata.labels.tier}"), "web");
  auto again = in_ns({"patch", "configmap", "m", "--type=merge", "-p", patch});
  ASSERT_KUBECTL_OK(again);
  EXPECT_EQ(again.out, "configmap/m patched (no change)\n") << again;
}

TEST_P(KubectlWrite, PatchJsonOperations) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "j", "--from-literal=a=1"}));
  auto patched = in_ns({"patch", "configmap", "j", "--type=json", "-p",
                        R"([{"op":"replace","path":"/data/a","value":"9"},{"op":"add","path":"/data/b","value":"2"},)"
                        R"({"op":"add","path":"/metadata/labels","value":{"x":"y"}}])"});
  ASSERT_KUBECTL_OK(patched);
  EXPECT_EQ(patched.out, "configmap/j patched\n") << patched;
  EXPECT_EQ(jsonpath("configmap", "j", "{.data.a} {.data.b} {.metadata.labels.x}"), "9 2 y");

  // A failed "test" makes the whole patch fail and change nothing.
  auto failed = in_ns({"patch", "configmap", "j", "--type=json", "-p",
                       R"([{"op":"test","path":"/data/a","value":"nope"},{"op":"replace","path":"/data/a","value":"0"}])"});
  EXPECT_KUBECTL_FAILS(failed);
  EXPECT_EQ(jsonpath("configmap", "j", "{.data.a}"), "9");

  ASSERT_KUBECTL_OK(in_ns({"patch", "configmap", "j", "--type=json", "-p", R"([{"op":"remove","path":"/data/b"}])"}));
  EXPECT_EQ(jsonpath("configmap", "j", "{.data}"), R"({"a":"9"})");
}

TEST_P(KubectlWrite, LabelAndAnnotateAddOverwriteRemove) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "l", "--from-literal=k=v"}));
  auto labeled = in_ns({"label", "configmap", "l", "tier=web"});
  ASSERT_KUBECTL_OK(labeled);
  EXPECT_EQ(labeled.out, "configmap/l labeled\n") << labeled;
  EXPECT_EQ(jsonpath("configmap", "l", "{.metadata.labels.tier}"), "web");

  auto refused = in_ns({"label", "configmap", "l", "tier=db"});
  EXPECT_KUBECTL_FAILS(refused);
  EXPECT_NE(refused.err.find("--overwrite is false"), std::string::npos) << refused;
  ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "l", "tier=db", "--overwrite"}));
  EXPECT_EQ(jsonpath("configmap", "l", "{.metadata.labels.tier}"), "db");

  auto unlabeled = in_ns({"label", "configmap", "l", "tier-"});
  ASSERT_KUBECTL_OK(unlabeled);
  EXPECT_EQ(unlabeled.out, "configmap/l unlabeled\n") << unlabeled;
  EXPECT_EQ(jsonpath("configmap", "l", "{.metadata.labels.tier}"), "");

  auto annotated = in_ns({"annotate", "configmap", "l", "note=hello world"});
  ASSERT_KUBECTL_OK(annotated);
  // kubectl 1.27 prints "annotate", later versions "annotated".
  EXPECT_TRUE(contains_match(annotated.out, "^configmap/l annotated?\n$")) << annotated;
  EXPECT_EQ(jsonpath("configmap", "l", "{.metadata.annotations.note}"), "hello world");
  ASSERT_KUBECTL_OK(in_ns({"annotate", "configmap", "l", "note-"}));
  EXPECT_EQ(jsonpath("configmap", "l", "{.metadata.annotations.note}"), "");
}

TEST_P(KubectlWrite, DeleteThenNotFound) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "d", "--from-literal=k=v"}));
  auto deleted = in_ns({"delete", "configmap", "d"});
  ASSERT_KUBECTL_OK(deleted);
  EXPECT_NE(deleted.out.find("configmap \"d\" deleted"), std::string::npos) << deleted;

  auto get = in_ns({"get", "configmap", "d"});
  EXPECT_KUBECTL_FAILS(get);
  EXPECT_NE(get.err.find("Error from server (NotFound): configmaps \"d\" not found"), std::string::npos) << get;
  auto again = in_ns({"delete", "configmap", "d"});
  EXPECT_KUBECTL_FAILS(again);
  EXPECT_NE(again.err.find("Error from server (NotFound): configmaps \"d\" not found"), std::string::npos) << again;
  auto quiet = in_ns({"delete", "configmap", "d", "--ignore-not-found"});
  EXPECT_KUBECTL_OK(quiet);
  EXPECT_EQ(quiet.out, "") << quiet;

  const auto pod = (examples_dir() / "pod.yaml").string();
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", pod}));
  auto by_file = in_ns({"delete", "-f", pod});
  ASSERT_KUBECTL_OK(by_file);
  EXPECT_NE(by_file.out.find("pod \"hello\" deleted"), std::string::npos) << by_file;
  EXPECT_KUBECTL_FAILS(in_ns({"get", "pod", "hello"}));
}

TEST_P(KubectlWrite, CreateDeploymentThenScale) {
  auto created = in_ns({"create", "deployment", "web", "--image=nginx:1.27"});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "deployment.apps/web created\n") << created;
  EXPECT_EQ(jsonpath("deployment", "web", "{.spec.replicas} {.spec.selector.matchLabels.app}"), "1 web");
  const auto generation_before = jsonpath("deployment", "web", "{.metadata.generation}");
  ASSERT_FALSE(generation_before.empty());

  auto scaled = in_ns({"scale", "deployment", "web", "--replicas=3"});
  ASSERT_KUBECTL_OK(scaled);
  EXPECT_EQ(scaled.out, "deployment.apps/web scaled\n") << scaled;
  EXPECT_EQ(jsonpath("deployment", "web", "{.spec.replicas}"), "3");
  const auto generation_after = jsonpath("deployment", "web", "{.metadata.generation}");
  EXPECT_GT(std::atoll(generation_after.c_str()), std::atoll(generation_before.c_str()))
      << "before " << generation_before << ", after " << generation_after;
}

TEST_P(KubectlWrite, ServerDryRunChangesNothing) {
  auto create = in_ns({"create", "-f", (examples_dir() / "configmap.yaml").string(), "--dry-run=server"});
  ASSERT_KUBECTL_OK(create);
  EXPECT_EQ(create.out, "configmap/web-config created (server dry run)\n") << create;
  EXPECT_KUBECTL_FAILS(in_ns({"get", "configmap", "web-config"}));

  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "e", "--from-literal=k=v"}));
  auto label = in_ns({"label", "configmap", "e", "x=y", "--dry-run=server"});
  ASSERT_KUBECTL_OK(label);
  EXPECT_EQ(label.out, "configmap/e labeled (server dry run)\n") << label;
  EXPECT_EQ(jsonpath("configmap", "e", "{.metadata.labels.x}"), "");
  auto del = in_ns({"delete", "configmap", "e", "--dry-run=server"});
  ASSERT_KUBECTL_OK(del);
  EXPECT_NE(del.out.find("configmap \"e\" deleted (server dry run)"), std::string::npos) << del;
  EXPECT_EQ(jsonpath("configmap", "e", "{.data.k}"), "v");
}

TEST_P(KubectlWrite, NamespacesCreateMissingDelete) {
  const std::string other = ns() + "-x";
  auto created = kubectl({"create", "namespace", other});
  ASSERT_KUBECTL_OK(created);
  EXPECT_EQ(created.out, "namespace/" + other + " created\n") << created;
  ASSERT_KUBECTL_OK(kubectl({"create", "configmap", "inside", "--from-literal=k=v", "-n", other}));

  const std::string missing = ns() + "-missing";
  const auto cm = (examples_dir() / "configmap.yaml").string();
  auto orphan = kubectl({"create", "-f", cm, "-n", missing});
  EXPECT_KUBECTL_FAILS(orphan);
  EXPECT_NE(orphan.err.find("Error from server (NotFound): error when creating \"" + cm + "\": namespaces \"" +
                            missing + "\" not found"),
            std::string::npos)
      << orphan;

  auto deleted = kubectl({"delete", "namespace", other}, std::chrono::seconds(60));
  ASSERT_KUBECTL_OK(deleted);
  EXPECT_NE(deleted.out.find("namespace \"" + other + "\" deleted"), std::string::npos) << deleted;
  auto gone = kubectl({"get", "namespace", other});
  EXPECT_KUBECTL_FAILS(gone);
  EXPECT_NE(gone.err.find("Error from server (NotFound): namespaces \"" + other + "\" not found"), std::string::npos)
      << gone;

  // The namespace's objects went with it: a namespace of the same name starts empty.
  ASSERT_KUBECTL_OK(kubectl({"create", "namespace", other}));
  auto contents = kubectl({"get", "configmap", "inside", "-n", other});
  EXPECT_KUBECTL_FAILS(contents);
  EXPECT_KUBECTL_OK(kubectl({"delete", "namespace", other, "--wait=false"}));
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlWrite, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
