// The HTTPS API through a real client (curl): authentication, fixed endpoints, CRUD, errors and watch streams.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "tests/integration/test_cluster.hpp"

using namespace navarch;

namespace {

struct result {
  int status = 0;
  std::string body;
};

std::string shell_run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

class Https : public ::testing::Test {
 protected:
  test_support::test_cluster cluster;

  std::string base() const { return "https://127.0.0.1:" + std::to_string(cluster.port()); }
  std::string tls(bool with_cert) const {
    auto pki = cluster.pki_dir();
    std::string s = "--cacert " + (pki / "ca.crt").string();
    if (with_cert) s += " --cert " + (pki / "admin.crt").string() + " --key " + (pki / "admin.key").string();
    return s;
  }
  // extra: more curl arguments (method, headers, data).
  result curl(const std::string& path, const std::string& extra = "", bool with_cert = true) const {
    std::string out = shell_run("curl -sS --max-time 10 " + tls(with_cert) + " " + extra + " -w '\\n%{http_code}' '" +
                                base() + path + "' 2>&1");
    result r;
    auto nl = out.rfind('\n');
    if (nl == std::string::npos) return r;
    r.status = std::atoi(out.c_str() + nl + 1);
    r.body = out.substr(0, nl);
    return r;
  }
};

const char* cm_json = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web"},"data":{"a":"b"}})";

}  // namespace

TEST_F(Https, PublicEndpointsAndAuthentication) {
  auto v = curl("/version", "", false);
  EXPECT_EQ(v.status, 200);
  EXPECT_NE(v.body.find("\"minor\":\"33\""), std::string::npos);
  EXPECT_EQ(curl("/healthz", "", false).body, "ok");
  auto anon = curl("/api/v1/namespaces", "", false);
  EXPECT_EQ(anon.status, 401);
  EXPECT_NE(anon.body.find("\"reason\":\"Unauthorized\""), std::string::npos);
  auto list = curl("/api/v1/namespaces");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("\"kube-node-lease\""), std::string::npos);
  EXPECT_EQ(curl("/openapi/v2").status, 200);
  EXPECT_EQ(curl("/openapi/v3").status, 404);
  EXPECT_EQ(curl("/nonsense/path").status, 404);
}

TEST_F(Https, CrudTableAndErrors) {
  auto created = curl("/api/v1/namespaces/default/configmaps",
                      std::string("-X POST -H 'Content-Type: application/json' -d '") + cm_json + "'");
  EXPECT_EQ(created.status, 201) << created.body;
  auto table = curl("/api/v1/namespaces/default/configmaps",
                    "-H 'Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json'");
  EXPECT_EQ(table.status, 200);
  EXPECT_NE(table.body.find("\"kind\":\"Table\""), std::string::npos);
  EXPECT_NE(table.body.find("\"web\""), std::string::npos);

  // Protobuf: a body without the k8s envelope is malformed (400); a kind without a message table is 415.
  auto proto = curl("/api/v1/namespaces/default/configmaps",
                    "-X POST -H 'Content-Type: application/vnd.kubernetes.protobuf' --data-binary 'k8s'");
  EXPECT_EQ(proto.status, 400) << proto.body;
  EXPECT_NE(proto.body.find("\"reason\":\"BadRequest\""), std::string::npos) << proto.body;
  std::string widget_file = (cluster.dir() / "widget.pb").string();
  std::ofstream(widget_file, std::ios::binary) << std::string("k8s\0\x0a\x0f\x0a\x07x.io/v1\x12\x04Wdgt", 21);
  auto widget = curl("/api/v1/namespaces/default/configmaps",
                     "-X POST -H 'Content-Type: application/vnd.kubernetes.protobuf' --data-binary @" + widget_file);
  EXPECT_EQ(widget.status, 415) << widget.body;
  // A ConfigMap as kubectl 1.33 sends it: stored and answered as JSON.
  std::string pb_file = (cluster.dir() / "cm.pb").string();
  std::ofstream(pb_file, std::ios::binary) << std::string(
      "k8s\0\x0a\x0f\x0a\x02v1\x12\x09" "ConfigMap\x12\x0f\x0a\x04\x0a\x02pb\x12\x07\x0a\x01k\x12\x02pv", 38);
  auto from_pb = curl("/api/v1/namespaces/default/configmaps",
                      "-X POST -H 'Content-Type: application/vnd.kubernetes.protobuf' --data-binary @" + pb_file);
  EXPECT_EQ(from_pb.status, 201) << from_pb.body;
  EXPECT_NE(from_pb.body.find(R"("data":{"k":"pv"})"), std::string::npos) << from_pb.body;
  auto malformed = curl("/api/v1/namespaces/default/configmaps",
                        "-X POST -H 'Content-Type: application/json' -d '{\"metadata\":'");
  EXPECT_EQ(malformed.status, 400);
  auto patch = curl("/api/v1/namespaces/default/configmaps/web",
                    "-X PATCH -H 'Content-Type: application/merge-patch+json' -d '{\"data\":{\"a\":\"c\"}}'");
  EXPECT_EQ(patch.status, 200);
  EXPECT_NE(patch.body.find("\"a\":\"c\""), std::string::npos);

  // A body over 3 MiB is refused with 413 and nothing stored changes.
  std::string big_file = (cluster.dir() / "big.json").string();
  {
    std::ofstream out(big_file);
    out << R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"x":")"
        << std::string(4 * 1024 * 1024, 'x') << "\"}}";
  }
  auto big = curl("/api/v1/namespaces/default/configmaps",
                  "-X POST -H 'Content-Type: application/json' --data-binary @" + big_file);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(curl("/api/v1/namespaces/default/configmaps/web").status, 200);
  EXPECT_EQ(curl("/api/v1/namespaces/default/configmaps/big").status, 404);
}

TEST_F(Https, WatchStreamsChunkedEvents) {
  std::string cmd = "curl -sS -N --max-time 3 " + tls(true) + " '" + base() +
                    "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0' 2>&1";
  std::string streamed;
  std::thread watcher([&] { streamed = shell_run(cmd); });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  auto created = curl("/api/v1/namespaces/default/configmaps",
                      std::string("-X POST -H 'Content-Type: application/json' -d '") + cm_json + "'");
  EXPECT_EQ(created.status, 201);
  watcher.join();
  EXPECT_NE(streamed.find("{\"type\":\"ADDED\",\"object\":{"), std::string::npos) << streamed;
  EXPECT_NE(streamed.find("\"name\":\"web\""), std::string::npos);
}
