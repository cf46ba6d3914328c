// Long-running kubectl commands: get -w and wait. Each runs in the background while the test changes the cluster.
#include <regex>

#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

using std::chrono::seconds;

class KubectlWatch : public KubectlTest {};

TEST_P(KubectlWatch, ListWatchShowsNewObject) {
  const std::string labeled = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n  labels:\n    e2e: watch\n";
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", manifest("w1.yaml", std::regex_replace(labeled, std::regex("NAME"), "w1"))}));
  auto watch = start_in_ns({"get", "configmaps", "-l", "e2e=watch", "-w"});
  ASSERT_TRUE(watch->await_out("\nw1 ", seconds(20))) << "initial list\n" << watch->out() << watch->err();

  ASSERT_KUBECTL_OK(in_ns({"create", "-f", manifest("w2.yaml", std::regex_replace(labeled, std::regex("NAME"), "w2"))}));
  EXPECT_TRUE(watch->await_out("\nw2 ", seconds(20))) << "watch event for w2\n" << watch->out() << watch->err();
  // An object outside the selector must not show up.
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "unlabeled"}));
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", manifest("w3.yaml", std::regex_replace(labeled, std::regex("NAME"), "w3"))}));
  EXPECT_TRUE(watch->await_out("\nw3 ", seconds(20))) << watch->out() << watch->err();
  EXPECT_EQ(watch->out().find("unlabeled"), std::string::npos) << watch->out();
}

TEST_P(KubectlWatch, SingleObjectWatchShowsChange) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "w", "--from-literal=k=first"}));
  auto watch = start_in_ns({"get", "configmap", "w", "-w", "-o", R"(jsonpath={.data.k}{"\n"})"});
  ASSERT_TRUE(watch->await_out("first\n", seconds(20))) << watch->out() << watch->err();
  ASSERT_KUBECTL_OK(in_ns({"patch", "configmap", "w", "--type=merge", "-p", R"({"data":{"k":"second"}})"}));
  EXPECT_TRUE(watch->await_out("second\n", seconds(20))) << watch->out() << watch->err();
}

TEST_P(KubectlWatch, WaitForDelete) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "gone"}));
  // -v=6 logs each request; once the watch request is answered, kubectl cannot miss the deletion.
  auto wait = start_in_ns({"wait", "--for=delete", "configmap/gone", "--timeout=40s", "-v=6"});
  ASSERT_TRUE(wait->await_err("watch=true", seconds(20))) << wait->out() << wait->err();
  ASSERT_KUBECTL_OK(in_ns({"delete", "configmap", "gone"}));
  auto code = wait->wait_for(seconds(30));
  ASSERT_TRUE(code.has_value()) << "kubectl wait did not end\n" << wait->out() << wait->err();
  EXPECT_EQ(*code, 0) << wait->out() << wait->err();
  EXPECT_EQ(wait->out(), "configmap/gone condition met\n") << wait->err();
}

TEST_P(KubectlWatch, WaitForJsonpath) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "j"}));
  ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "j", "x=n"}));
  auto wait = start_in_ns({"wait", "configmap/j", "--for=jsonpath={.metadata.labels.x}=y", "--timeout=40s"});
  ASSERT_KUBECTL_OK(in_ns({"label", "configmap", "j", "x=y", "--overwrite"}));
  auto code = wait->wait_for(seconds(40));
  ASSERT_TRUE(code.has_value()) << "kubectl wait did not end\n" << wait->out() << wait->err();
  EXPECT_EQ(*code, 0) << wait->out() << wait->err();
  EXPECT_EQ(wait->out(), "configmap/j condition met\n") << wait->err();
}

TEST_P(KubectlWatch, WaitForConditionSetThroughStatusSubresource) {
  ASSERT_KUBECTL_OK(in_ns({"create", "deployment", "c", "--image=nginx:1.27"}));
  auto patched = in_ns({"patch", "deployment", "c", "--subresource=status", "--type=merge", "-p",
                        R"({"status":{"conditions":[{"type":"E2eReady","status":"True","reason":"Test"}]}})"});
  ASSERT_KUBECTL_OK(patched);
  EXPECT_EQ(patched.out, "deployment.apps/c patched\n") << patched;
  auto wait = in_ns({"wait", "deployment/c", "--for=condition=E2eReady", "--timeout=20s"}, seconds(30));
  EXPECT_KUBECTL_OK(wait);
  EXPECT_EQ(wait.out, "deployment.apps/c condition met\n") << wait;
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlWatch, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
