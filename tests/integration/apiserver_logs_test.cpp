// Pod logs through the apiserver: a request for pods/<name>/log reaches the kubelet of the pod's node, whole or
// followed (streamed over HTTPS). The kubelet here is a stand-in that serves fixed text.
#include <gtest/gtest.h>

#include <cstdio>

#include <caf/all.hpp>

#include "messages/kubelet.hpp"
#include "tests/integration/test_cluster.hpp"

using namespace navarch;
using navarch::test_support::make_request;

namespace {

caf::behavior fake_kubelet(caf::event_based_actor* self) {
  return {
      [](const msg::log_request& r) {
        return msg::api_response{200, "text/plain", "log of " + r.pod + "/" + r.container +
                                                        (r.tail_lines >= 0 ? " tail " + std::to_string(r.tail_lines) : "") +
                                                        "\n"};
      },
      [self](const msg::log_request& r, const caf::actor& follower) {
        self->send(follower, msg::log_chunk{1, "first line of " + r.container + "\n", false});
        self->send(follower, msg::log_chunk{1, "second line\n", true});
        return msg::api_response{200, "text/plain", ""};
      },
  };
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

const char* pod_on_n1 = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
  "spec":{"nodeName":"n1","containers":[{"name":"app","image":"busybox"}]}})";

}  // namespace

TEST(ApiserverLogs, LogsComeFromThePodsKubelet) {
  test_support::test_cluster c;
  ASSERT_EQ(c.call(make_request("create", "pods", "default", "", pod_on_n1)).code, 201);
  auto req = make_request("get", "pods", "default", "web");
  req.subresource = "log";
  // No kubelet for n1 yet.
  EXPECT_EQ(c.call(req).code, 503);
  auto kubelet = c.system().spawn(fake_kubelet);
  caf::anon_send(c.api(), msg::node_agent{"n1", kubelet});
  req.query["tailLines"] = "5";
  msg::api_response r{0, "", ""};
  for (int i = 0; i < 50 && r.code != 200; ++i) r = c.call(req);  // the registration is asynchronous
  EXPECT_EQ(r.code, 200);
  EXPECT_EQ(r.body, "log of web/app tail 5\n");
  req.query["container"] = "nope";
  EXPECT_EQ(c.call(req).code, 400);
  caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown);
}

TEST(ApiserverLogs, FollowedLogsStreamOverHttps) {
  test_support::test_cluster c;
  ASSERT_EQ(c.call(make_request("create", "pods", "default", "", pod_on_n1)).code, 201);
  auto kubelet = c.system().spawn(fake_kubelet);
  caf::anon_send(c.api(), msg::node_agent{"n1", kubelet});
  auto pki = c.pki_dir();
  std::string curl = "curl -sS -N --max-time 5 --cacert " + (pki / "ca.crt").string() + " --cert " +
                     (pki / "admin.crt").string() + " --key " + (pki / "admin.key").string() + " 'https://127.0.0.1:" +
                     std::to_string(c.port()) + "/api/v1/namespaces/default/pods/web/log?follow=true' 2>&1";
  std::string out;
  for (int i = 0; i < 20 && out.find("second line") == std::string::npos; ++i) out = run(curl);
  EXPECT_EQ(out, "first line of app\nsecond line\n");
  caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown);
}
