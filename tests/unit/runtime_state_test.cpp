#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <unistd.h>

#include <filesystem>

#include "runtime/container/cgroups.hpp"
#include "runtime/container/overlay_options.hpp"
#include "runtime/container/state_files.hpp"
#include "runtime/oci/oci_config.hpp"

namespace {
using namespace navarch::runtime;
namespace json = boost::json;

container_spec full_spec() {
  container_spec s;
  s.id = "pod1_web-0";
  s.pod_uid = "u-1";
  s.name = "web";
  s.attempt = 2;
  s.rootfs = "/var/lib/navarch/images/busybox";
  s.command = {"httpd", "-f", "-p", "8080"};
  s.env = {"A=1", "B=two words"};
  s.working_dir = "/srv";
  s.hostname = "web";
  s.mounts = {{mount_spec::kind::bind, "/host/cfg", "/etc/cfg", true, ""},
              {mount_spec::kind::tmpfs, "", "/cache", false, "size=1m,mode=1777"}};
  s.limits = {.memory_bytes = 64 << 20, .cpu_quota_us = 50000, .cpu_period_us = 100000, .cpu_shares = 512,
              .pids_max = 32};
  s.own_ipc_ns = false;
  s.netns_path = "/run/netns/pod1";
  s.log_path = "/var/log/pods/p/web/2.log";
  s.log_max_bytes = 1000;
  s.log_keep = 3;
  return s;
}

TEST(StateFiles, SpecRoundTrips) {
  auto s = full_spec();
  auto back = spec_from_json(json::parse(json::serialize(spec_to_json(s))));
  EXPECT_EQ(back.id, s.id);
  EXPECT_EQ(back.pod_uid, s.pod_uid);
  EXPECT_EQ(back.attempt, 2);
  EXPECT_EQ(back.command, s.command);
  EXPECT_EQ(back.env, s.env);
  EXPECT_EQ(back.working_dir, "/srv");
  ASSERT_EQ(back.mounts.size(), 2u);
  EXPECT_EQ(back.mounts[0].type, mount_spec::kind::bind);
  EXPECT_TRUE(back.mounts[0].read_only);
  EXPECT_EQ(back.mounts[1].type, mount_spec::kind::tmpfs);
  EXPECT_EQ(back.mounts[1].tmpfs_options, "size=1m,mode=1777");
  EXPECT_EQ(back.limits.memory_bytes, 64 << 20);
  EXPECT_EQ(back.limits.cpu_quota_us, 50000);
  EXPECT_EQ(back.limits.cpu_shares, 512);
  EXPECT_EQ(back.limits.pids_max, 32);
  EXPECT_TRUE(back.own_pid_ns);
  EXPECT_FALSE(back.own_ipc_ns);
  EXPECT_EQ(back.netns_path, s.netns_path);
  EXPECT_EQ(back.log_max_bytes, 1000);
  EXPECT_EQ(back.log_keep, 3);
}

TEST(StateFiles, SpecErrorsNameTheField) {
  auto v = spec_to_json(full_spec());
  v.as_object()["command"] = "not-a-list";
  try {
    spec_from_json(v);
    FAIL() << "accepted a malformed spec";
  } catch (const runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'command'"), std::string::npos) << e.what();
  }
  v = spec_to_json(full_spec());
  v.as_object()["id"] = "../escape";
  EXPECT_THROW(spec_from_json(v), runtime_error);
  v = spec_to_json(full_spec());
  v.as_object()["command"] = json::array();
  EXPECT_THROW(spec_from_json(v), runtime_error);
  EXPECT_THROW(spec_from_json(json::value(42)), runtime_error);
}

TEST(StateFiles, StatusRoundTripsWithShimPid) {
  container_status st;
  st.id = "c";
  st.pod_uid = "u";
  st.name = "n";
  st.state = container_state::exited;
  st.exit_code = 137;
  st.signal = 9;
  st.oom_killed = true;
  st.started_at = std::chrono::system_clock::time_point(std::chrono::nanoseconds(1795329600123456789));
  st.finished_at = st.started_at + std::chrono::seconds(3);
  int shim = 0;
  auto back = status_from_json(json::parse(json::serialize(status_to_json(st, 4242))), &shim);
  EXPECT_EQ(shim, 4242);
  EXPECT_EQ(back.state, container_state::exited);
  EXPECT_EQ(back.exit_code, 137);
  EXPECT_EQ(back.signal, 9);
  EXPECT_TRUE(back.oom_killed);
  EXPECT_EQ(back.started_at, st.started_at);
  EXPECT_EQ(back.finished_at, st.finished_at);
  auto bad = status_to_json(st, 1);
  bad.as_object()["state"] = "paused";
  EXPECT_THROW(status_from_json(bad), runtime_error);
}

TEST(StateFiles, ContainerIds) {
  EXPECT_TRUE(valid_container_id("pod_web-1.2"));
  for (const char* bad : {"", ".", "..", "a/b", "a b", "ä"}) EXPECT_FALSE(valid_container_id(bad)) << bad;
  EXPECT_FALSE(valid_container_id(std::string(129, 'a')));
}

TEST(Cgroups, PathOfAControllerFromProcCgroup) {
  const char* text =
      "12:pids:/\n4:memory:/process_api/3e81\n2:cpu,cpuacct:/user.slice\n1:name=systemd:/init.scope\n0::/unified\n";
  EXPECT_EQ(cgroup_path_of(text, "memory"), "/process_api/3e81");
  EXPECT_EQ(cgroup_path_of(text, "cpu"), "/user.slice");
  EXPECT_EQ(cgroup_path_of(text, "cpuacct"), "/user.slice");
  EXPECT_EQ(cgroup_path_of(text, "pids"), "/");
  EXPECT_EQ(cgroup_path_of(text, "name=systemd"), "/init.scope");
  EXPECT_EQ(cgroup_path_of(text, ""), "/unified");
  EXPECT_EQ(cgroup_path_of(text, "blkio"), "");
  EXPECT_EQ(cgroup_path_of("garbage\n", "memory"), "");
}

TEST(OverlayOptions, LayersUpperAndWorkDirs) {
  namespace fs = std::filesystem;
  auto base = fs::temp_directory_path() / ("navarch-overlay-" + std::to_string(::getpid()));
  fs::create_directories(base / "l1");
  fs::create_directories(base / "l2");
  auto l1 = (base / "l1").string(), l2 = (base / "l2").string();
  EXPECT_EQ(overlay_mount_options(l1 + ":" + l2, "/s/c"),
            "lowerdir=" + l1 + ":" + l2 + ",upperdir=/s/c/upper,workdir=/s/c/work");
  EXPECT_THROW(overlay_mount_options(l1 + ":" + (base / "missing").string(), "/s/c"), runtime_error);
  EXPECT_THROW(overlay_mount_options(l1 + ":", "/s/c"), runtime_error);
  EXPECT_THROW(overlay_mount_options("", "/s/c"), runtime_error);
  EXPECT_THROW(overlay_mount_options(l1, "/s/a,b"), runtime_error);
  EXPECT_THROW(overlay_mount_options(l1, "/s/a:b"), runtime_error);
  fs::remove_all(base);
}

TEST(OciConfig, CarriesProcessNamespacesLimitsAndRelativeCgroupsPath) {
  auto c = oci_config(full_spec(), "/state/c/bundle/rootfs", "navarch/c").as_object();
  EXPECT_EQ(c.at("root").at("path"), "/state/c/bundle/rootfs");
  EXPECT_EQ(c.at("hostname"), "web");
  const auto& p = c.at("process").as_object();
  EXPECT_EQ(p.at("args").as_array().size(), 4u);
  EXPECT_EQ(p.at("cwd"), "/srv");
  EXPECT_EQ(p.at("terminal"), false);
  // A PATH is added when the spec has none, as the built-in runtime does.
  EXPECT_EQ(p.at("env").as_array().back().as_string().subview().substr(0, 5), "PATH=");
  const auto& l = c.at("linux").as_object();
  EXPECT_EQ(l.at("cgroupsPath"), "navarch/c");
  std::vector<std::string> ns;
  for (const auto& n : l.at("namespaces").as_array()) ns.emplace_back(n.at("type").as_string());
  EXPECT_EQ(ns, (std::vector<std::string>{"mount", "pid", "uts", "network"}));  // ipc shared with the host
  EXPECT_EQ(l.at("namespaces").as_array().back().at("path"), "/run/netns/pod1");
  const auto& r = l.at("resources").as_object();
  EXPECT_EQ(r.at("memory").at("limit"), 64 << 20);
  EXPECT_EQ(r.at("cpu").at("quota"), 50000);
  EXPECT_EQ(r.at("cpu").at("shares"), 512);
  EXPECT_EQ(r.at("pids").at("limit"), 32);
  bool ro_bind = false, tmpfs = false;
  for (const auto& m : c.at("mounts").as_array()) {
    if (m.at("destination") == "/etc/cfg")
      ro_bind = m.at("type") == "bind" && m.at("options").as_array() == json::array{"rbind", "ro"};
    if (m.at("destination") == "/cache")
      tmpfs = m.at("options").as_array() == json::array{"nosuid", "nodev", "size=1m", "mode=1777"};
  }
  EXPECT_TRUE(ro_bind);
  EXPECT_TRUE(tmpfs);
}

TEST(OciConfig, HostNamespacesAndNoLimits) {
  auto s = full_spec();
  s.netns_path.clear();
  s.own_uts_ns = false;
  s.limits = {};
  auto c = oci_config(s, "/r", "navarch/c").as_object();
  EXPECT_FALSE(c.contains("hostname"));  // runc refuses a hostname without its own uts namespace
  for (const auto& n : c.at("linux").at("namespaces").as_array()) {
    EXPECT_NE(n.at("type"), "network");
    EXPECT_NE(n.at("type"), "uts");
  }
  const auto& r = c.at("linux").at("resources").as_object();
  EXPECT_FALSE(r.contains("memory"));
  EXPECT_FALSE(r.contains("cpu"));
  EXPECT_FALSE(r.contains("pids"));
}

}  // namespace
