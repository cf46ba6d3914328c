#include "tests/e2e/kubectl_fixture.hpp"

#include <cctype>
#include <csignal>
#include <regex>
#include <stdexcept>

#include "tests/e2e/navarch_server.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {

std::filesystem::path navarch_binary() { return NAVARCH_BINARY; }
std::filesystem::path examples_dir() { return NAVARCH_EXAMPLES_DIR; }

std::vector<kubectl_client> kubectl_clients() {
  return {{"dispatcher", NAVARCH_KUBECTL_DISPATCHER, 33},
          {"v1_31", NAVARCH_KUBECTL_1_31, 31},
          {"v1_27", NAVARCH_KUBECTL_1_27, 27}};
}

std::string client_test_name(const ::testing::TestParamInfo<kubectl_client>& info) { return info.param.name; }

void PrintTo(const kubectl_client& client, std::ostream* os) { *os << client.name; }

bool contains_match(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript | std::regex::multiline));
}

namespace {

// The server shared by all tests of this process. Started once; a failed start is remembered so the following
// tests fail at once with the same message instead of waiting for the start timeout again.
struct shared_cluster {
  scratch_dir dir{"navarch-e2e-"};
  std::vector<std::string> env = isolated_environment(dir.path() / "home");
  std::unique_ptr<navarch_server> server;
  std::string start_error;

  shared_cluster() {
    std::filesystem::create_directories(dir.path() / "home");
    std::filesystem::create_directories(dir.path() / "logs");
    try {
      server = std::make_unique<navarch_server>(navarch_binary(), dir.path() / "data", dir.path() / "logs" / "navarch",
                                                env);
    } catch (const std::exception& e) {
      start_error = e.what();
    }
  }
  ~shared_cluster() {
    if (server)
      server->stop(SIGTERM);
  }
};

std::unique_ptr<shared_cluster>& cluster_slot() {
  static std::unique_ptr<shared_cluster> slot;
  return slot;
}

shared_cluster& cluster() {
  auto& slot = cluster_slot();
  if (!slot)
    slot = std::make_unique<shared_cluster>();
  return *slot;
}

// Stops the shared server (and removes its data) after the last test, even when tests failed.
class cluster_teardown : public ::testing::Environment {
public:
  void TearDown() override { cluster_slot().reset(); }
};

[[maybe_unused]] ::testing::Environment* const teardown_registration =
    ::testing::AddGlobalTestEnvironment(new cluster_teardown);

// Lower-case letters and digits of `text`, other runs of characters turned into one '-'.
std::string dns_label_part(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  return out;
}

// "e2e-<test>-<client>": unique per test and client, a valid DNS label, with room for a suffix of 8 characters.
std::string namespace_for_current_test() {
  const std::string full = ::testing::UnitTest::GetInstance()->current_test_info()->name();  // "Case/client"
  const auto slash = full.find('/');
  std::string test = dns_label_part(full.substr(0, slash)).substr(0, 36);
  while (!test.empty() && test.back() == '-')
    test.pop_back();
  return "e2e-" + test + "-" + dns_label_part(slash == std::string::npos ? "" : full.substr(slash + 1));
}

}  // namespace

void KubectlTest::SetUp() {
  auto& c = cluster();
  ASSERT_TRUE(c.server) << c.start_error;
  work_ = c.dir.path() / "tests" / namespace_for_current_test();
  runner_.emplace(GetParam(), c.server->kubeconfig(), c.dir.path(), c.env);
}

run_result KubectlTest::kubectl(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  return runner_->run(args, timeout);
}

run_result KubectlTest::in_ns(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  args.insert(args.end(), {"-n", ns()});
  return runner_->run(args, timeout);
}

std::unique_ptr<child_process> KubectlTest::start_in_ns(std::vector<std::string> args) {
  args.insert(args.end(), {"-n", ns()});
  return runner_->start(args);
}

const std::string& KubectlTest::ns() {
  if (ns_.empty()) {
    ns_ = namespace_for_current_test();
    auto r = runner_->run({"create", "namespace", ns_});
    EXPECT_EQ(r.exit_code, 0) << "creating the test namespace failed\n" << r;
  }
  return ns_;
}

std::string KubectlTest::manifest(const std::string& file, const std::string& content) {
  auto path = work_ / file;
  write_file(path, content);
  return path.string();
}

std::string KubectlTest::jsonpath(const std::string& type, const std::string& name, const std::string& expr) {
  auto r = in_ns({"get", type, name, "-o", "jsonpath=" + expr});
  EXPECT_EQ(r.exit_code, 0) << r;
  return r.out;
}

}  // namespace navarch::e2e
