// Bad input through kubectl: the error kubectl prints must say what is wrong.
#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

class KubectlErrors : public KubectlTest {};

TEST_P(KubectlErrors, InvalidNameIsRejected) {
  auto file = manifest("bad-name.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");
  auto r = in_ns({"create", "-f", file});
  EXPECT_KUBECTL_FAILS(r);
  // kubectl prints 422 Invalid with causes as `The <Kind> "<name>" is invalid: <field>: ...`.
  EXPECT_NE(r.err.find("The ConfigMap \"Bad_Name\" is invalid"), std::string::npos) << r;
  EXPECT_NE(r.err.find("metadata.name"), std::string::npos) << r;
}

TEST_P(KubectlErrors, MalformedManifestIsRejected) {
  auto file = manifest("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n");
  auto r = in_ns({"create", "-f", file});
  EXPECT_KUBECTL_FAILS(r);
  EXPECT_NE(r.err.find("error parsing " + file), std::string::npos) << r;
}

TEST_P(KubectlErrors, UnknownResourceType) {
  auto r = kubectl({"get", "frobnicators"});
  EXPECT_KUBECTL_FAILS(r);
  EXPECT_NE(r.err.find("the server doesn't have a resource type \"frobnicators\""), std::string::npos) << r;
}

TEST_P(KubectlErrors, MissingObjectIsNotFound) {
  auto r = in_ns({"get", "deployment", "nope"});
  EXPECT_KUBECTL_FAILS(r);
  EXPECT_NE(r.err.find("Error from server (NotFound): deployments.apps \"nope\" not found"), std::string::npos) << r;
}

TEST_P(KubectlErrors, FourMebibyteObjectIsTooLarge) {
  const std::string big(4 * 1024 * 1024, 'x');
  auto file = manifest("big.json", R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"k":")" +
                                       big + "\"}}");
  auto r = in_ns({"create", "-f", file});
  EXPECT_KUBECTL_FAILS(r);
  EXPECT_NE(r.err.find("Error from server (RequestEntityTooLarge)"), std::string::npos) << r.command << "\nexit code "
                                                                                         << r.exit_code << "\n"
                                                                                         << r.err;
  EXPECT_KUBECTL_FAILS(in_ns({"get", "configmap", "big"}));
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlErrors, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
