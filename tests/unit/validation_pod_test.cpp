#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/validation_test_util.hpp"

using namespace navarch::api;
using navarch::api::test::create_errors;
using navarch::api::test::update_errors;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

constexpr std::string_view good_pod = R"({"apiVersion":"v1","kind":"Pod",
  "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
  "spec":{"restartPolicy":"Always","containers":[{"name":"nginx","image":"nginx:1.27",
          "ports":[{"containerPort":80,"protocol":"TCP"}]}]}})";

}  // namespace

TEST(PodValidation, AcceptsAGoodPod) { EXPECT_THAT(create_errors("pods", good_pod), IsEmpty()); }

TEST(PodValidation, ImageRequiredWithTheRealMessageAndCause) {
  auto obj = boost::json::parse(R"({"metadata":{"name":"web","namespace":"default"},
    "spec":{"restartPolicy":"Always","containers":[{"name":"web"}]}})");
  auto errs = validate_create(test::kind_for("pods"), obj);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(invalid_message("Pod", "web", errs), "Pod \"web\" is invalid: spec.containers[0].image: Required value");
  EXPECT_EQ(boost::json::serialize(status_causes(errs)),
            R"([{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}])");
}

TEST(PodValidation, ContainersRequiredAndNamesChecked) {
  EXPECT_THAT(create_errors("pods", R"({"metadata":{"name":"p","namespace":"d"},"spec":{"restartPolicy":"Always"}})"),
              ElementsAre("spec.containers: Required value"));
  auto errs = create_errors("pods", R"({"metadata":{"name":"p","namespace":"d"},"spec":{"restartPolicy":"Always",
    "containers":[{"name":"a","image":"i"},{"name":"a","image":"i"},{"image":"i"},{"name":"Bad","image":"i"}]}})");
  ASSERT_EQ(errs.size(), 3u);
  EXPECT_EQ(errs[0], "spec.containers[1].name: Duplicate value: \"a\"");
  EXPECT_EQ(errs[1], "spec.containers[2].name: Required value");
  EXPECT_EQ(errs[2].rfind("spec.containers[3].name: Invalid value: \"Bad\": a lowercase RFC 1123 label", 0), 0u);
}

TEST(PodValidation, PortsAndRestartPolicy) {
  auto errs = create_errors("pods", R"({"metadata":{"name":"p","namespace":"d"},"spec":{"restartPolicy":"Sometimes",
    "containers":[{"name":"a","image":"i","ports":[{"containerPort":70000},{"containerPort":0},
                                                   {"containerPort":80,"protocol":"HTTP"}]}]}})");
  EXPECT_THAT(errs, ElementsAre(
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      "spec.containers[0].ports[1].containerPort: Required value",
      "spec.containers[0].ports[2].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", "
      "\"UDP\"",
      "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", "
      "\"Never\""));
}

TEST(PodValidation, VolumeMountsMustNameAVolume) {
  auto errs = create_errors("pods", R"({"metadata":{"name":"p","namespace":"d"},"spec":{"restartPolicy":"Always",
    "volumes":[{"name":"data","emptyDir":{}}],
    "containers":[{"name":"a","image":"i","volumeMounts":[{"name":"data","mountPath":"/d"},
                                                          {"name":"cache","mountPath":"/c"}]}]}})");
  EXPECT_THAT(errs, ElementsAre("spec.containers[0].volumeMounts[1].name: Not found: \"cache\""));
}

TEST(PodValidation, MetadataRules) {
  auto errs = create_errors("pods", R"({"metadata":{"namespace":"default"},
    "spec":{"restartPolicy":"Always","containers":[{"name":"a","image":"i"}]}})");
  EXPECT_THAT(errs, ElementsAre("metadata.name: Required value: name or generateName is required"));
  errs = create_errors("pods", R"({"metadata":{"name":"Web_1","namespace":"default"},
    "spec":{"restartPolicy":"Always","containers":[{"name":"a","image":"i"}]}})");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0],
            "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case "
            "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            "'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  errs = create_errors("pods", R"({"metadata":{"name":"p"},
    "spec":{"restartPolicy":"Always","containers":[{"name":"a","image":"i"}]}})");
  EXPECT_THAT(errs, ElementsAre("metadata.namespace: Required value"));
  errs = create_errors("pods", R"({"metadata":{"name":"p","namespace":"d","labels":{"bad key":"x","ok":"a b"}},
    "spec":{"restartPolicy":"Always","containers":[{"name":"a","image":"i"}]}})");
  ASSERT_EQ(errs.size(), 2u);
  EXPECT_EQ(errs[0].rfind("metadata.labels: Invalid value: \"bad key\": name part must consist of", 0), 0u);
  EXPECT_EQ(errs[1].rfind("metadata.labels: Invalid value: \"a b\": a valid label must be an empty string", 0), 0u);
}

TEST(PodValidation, AnnotationSizeLimit) {
  boost::json::object pod = boost::json::parse(good_pod).as_object();
  pod["metadata"].as_object()["annotations"] = boost::json::object{{"big", std::string(256 * 1024, 'x')}};
  auto errs = validate_create(test::kind_for("pods"), pod);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].text(), "metadata.annotations: Too long: must have at most 262144 bytes");
  EXPECT_EQ(errs[0].reason(), "FieldValueTooLong");
}

TEST(PodValidation, UpdateMayChangeImagesOnly) {
  std::string newer(good_pod);
  newer.replace(newer.find("nginx:1.27"), 10, "nginx:1.28");
  EXPECT_THAT(update_errors("pods", newer, good_pod), IsEmpty());
  std::string moved(good_pod);
  moved.replace(moved.find("\"containerPort\":80"), 18, "\"containerPort\":81");
  auto errs = update_errors("pods", moved, good_pod);
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0].rfind("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`", 0),
            0u);
}

TEST(PodValidation, UpdateMayBindAnUnscheduledPodAndAddTolerations) {
  std::string bound(good_pod);
  bound.replace(bound.find("\"restartPolicy\""), 15, "\"nodeName\":\"node-1\",\"restartPolicy\"");
  EXPECT_THAT(update_errors("pods", bound, good_pod), IsEmpty());
  std::string moved = bound;
  moved.replace(moved.find("node-1"), 6, "node-2");
  EXPECT_THAT(update_errors("pods", moved, bound), ::testing::SizeIs(1));
  std::string tolerant(good_pod);
  tolerant.replace(tolerant.find("\"restartPolicy\""), 15,
                   "\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\"}],\"restartPolicy\"");
  EXPECT_THAT(update_errors("pods", tolerant, good_pod), IsEmpty());
  EXPECT_THAT(update_errors("pods", good_pod, tolerant), ::testing::SizeIs(1));  // removing one is not allowed
}

TEST(PodValidation, ImmutableMetadata) {
  std::string renamed(good_pod);
  renamed.replace(renamed.find("\"web\""), 5, "\"web2\"");
  EXPECT_THAT(update_errors("pods", renamed, good_pod),
              ElementsAre("metadata.name: Invalid value: \"web2\": field is immutable"));
  auto with_uid = [](std::string_view uid) {
    std::string s(good_pod);
    s.replace(s.find("\"namespace\""), 11, "\"uid\":\"" + std::string(uid) + "\",\"namespace\"");
    return s;
  };
  EXPECT_THAT(update_errors("pods", with_uid("b"), with_uid("a")),
              ElementsAre("metadata.uid: Invalid value: \"b\": field is immutable"));
  EXPECT_THAT(update_errors("pods", good_pod, with_uid("a")), IsEmpty());  // the server keeps the old uid
}
