// The GoogleTest fixture of the kubectl end-to-end tests: one `navarch up` per test process (started on first
// use, stopped at the end of the run), a runner for the kubectl under test, and a namespace per test so tests
// can share the server.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/child_process.hpp"
#include "tests/e2e/kubectl_runner.hpp"

namespace navarch::e2e {

// Paths fixed at build time (see e2e.cmake).
std::filesystem::path navarch_binary();
std::filesystem::path examples_dir();
// The clients every kubectl test runs with, newest first: the dispatcher (which picks kubectl 1.33 for our
// server, protobuf bodies for generator commands), 1.31 (the last to send JSON for them) and 1.27 (the oldest,
// SPDY-only exec), both called directly.
std::vector<kubectl_client> kubectl_clients();
std::string client_test_name(const ::testing::TestParamInfo<kubectl_client>& info);
// Shows a client by name in test output (GoogleTest would otherwise dump its bytes).
void PrintTo(const kubectl_client& client, std::ostream* os);

class KubectlTest : public ::testing::TestWithParam<kubectl_client> {
protected:
  void SetUp() override;

  run_result kubectl(const std::vector<std::string>& args,
                     std::chrono::milliseconds timeout = std::chrono::seconds(45));
  // kubectl with `-n <this test's namespace>` appended.
  run_result in_ns(std::vector<std::string> args, std::chrono::milliseconds timeout = std::chrono::seconds(45));
  std::unique_ptr<child_process> start_in_ns(std::vector<std::string> args);
  // This test's namespace, created on first use.
  const std::string& ns();
  // Writes a manifest file for this test and returns its path.
  std::string manifest(const std::string& file, const std::string& content);
  // `get TYPE NAME -o jsonpath=EXPR` in this test's namespace; records a failure if kubectl fails.
  std::string jsonpath(const std::string& type, const std::string& name, const std::string& expr);

private:
  std::optional<kubectl_runner> runner_;
  std::filesystem::path work_;
  std::string ns_;
};

// Assertion helpers: each prints the full kubectl result when it fails.
#define EXPECT_KUBECTL_OK(r) EXPECT_EQ((r).exit_code, 0) << (r)
#define ASSERT_KUBECTL_OK(r) ASSERT_EQ((r).exit_code, 0) << (r)
#define EXPECT_KUBECTL_FAILS(r)                                                                              \
  EXPECT_TRUE((r).exit_code != 0 && !(r).timed_out) << (r)

// True when `text` matches the ECMAScript regular expression `pattern` anywhere (multiline: ^ and $ at lines).
bool contains_match(const std::string& text, const std::string& pattern);

}  // namespace navarch::e2e
