#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/validation/field_error.hpp"
#include "api/validation/names.hpp"

namespace json = boost::json;
using namespace navarch::api;

TEST(Names, Dns1123Subdomain) {
  EXPECT_TRUE(check_dns1123_subdomain("web").empty());
  EXPECT_TRUE(check_dns1123_subdomain("web-1.example.com").empty());
  auto m = check_dns1123_subdomain("Web");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0],
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
            "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  EXPECT_FALSE(check_dns1123_subdomain("a..b").empty());
  EXPECT_FALSE(check_dns1123_subdomain("-a").empty());
  EXPECT_FALSE(check_dns1123_subdomain("a.").empty());
  EXPECT_EQ(check_dns1123_subdomain(std::string(254, 'a'))[0], "must be no more than 253 characters");
}

TEST(Names, Dns1123LabelAndDns1035Label) {
  EXPECT_TRUE(check_dns1123_label("123-abc").empty());
  EXPECT_FALSE(check_dns1123_label("a.b").empty());
  EXPECT_EQ(check_dns1123_label("A")[0],
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
            "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  EXPECT_TRUE(check_dns1035_label("web-1").empty());
  EXPECT_FALSE(check_dns1035_label("1web").empty());
}

TEST(Names, QualifiedNamesAndLabelValues) {
  EXPECT_TRUE(check_qualified_name("app").empty());
  EXPECT_TRUE(check_qualified_name("app.kubernetes.io/name").empty());
  EXPECT_TRUE(check_qualified_name("My_Name.x").empty());
  EXPECT_EQ(check_qualified_name("/x")[0], "prefix part must be non-empty");
  EXPECT_EQ(check_qualified_name("a/")[0], "name part must be non-empty");
  EXPECT_NE(check_qualified_name("a/b/c")[0].find("a qualified name must consist of"), std::string::npos);
  EXPECT_NE(check_qualified_name("Bad_Prefix/x")[0].find("prefix part a lowercase RFC 1123 subdomain"),
            std::string::npos);
  EXPECT_TRUE(check_label_value("").empty());
  EXPECT_TRUE(check_label_value("v1.2_3-x").empty());
  EXPECT_FALSE(check_label_value("a b").empty());
  EXPECT_FALSE(check_label_value(std::string(64, 'v')).empty());
}

TEST(Names, ConfigKeysPortsIps) {
  EXPECT_TRUE(check_config_key("app.properties").empty());
  EXPECT_TRUE(check_config_key("KEY_NAME-1").empty());
  EXPECT_FALSE(check_config_key("a/b").empty());
  EXPECT_EQ(check_config_key("..")[0], "must not be '..'");
  EXPECT_EQ(check_config_key("..x")[0], "must not start with '..'");
  EXPECT_TRUE(check_port_number(80).empty());
  EXPECT_EQ(check_port_number(70000)[0], "must be between 1 and 65535, inclusive");
  EXPECT_TRUE(check_port_name("http").empty());
  EXPECT_FALSE(check_port_name("8080").empty());
  EXPECT_FALSE(check_port_name("a--b").empty());
  EXPECT_TRUE(check_ip("10.0.0.1").empty());
  EXPECT_TRUE(check_ip("2001:db8::1").empty());
  EXPECT_FALSE(check_ip("10.0.0.256").empty());
}

TEST(FieldErrors, BodiesAsKubernetesPrintsThem) {
  EXPECT_EQ(required("spec.containers[0].image").text(), "spec.containers[0].image: Required value");
  EXPECT_EQ(invalid("metadata.name", "Web", "bad").text(), "metadata.name: Invalid value: \"Web\": bad");
  EXPECT_EQ(invalid("spec.replicas", -1, "must be greater than or equal to 0").text(),
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
  EXPECT_EQ(not_supported("spec.restartPolicy", "Sometimes", {"Always", "OnFailure", "Never"}).text(),
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", "
            "\"Never\"");
  EXPECT_EQ(duplicate("spec.containers[1].name", "web").text(), "spec.containers[1].name: Duplicate value: \"web\"");
  EXPECT_EQ(forbidden("spec", "no").text(), "spec: Forbidden: no");
  EXPECT_EQ(too_long("metadata.annotations", 262144).text(),
            "metadata.annotations: Too long: must have at most 262144 bytes");
  EXPECT_EQ(go_quote("a\"b\n"), "\"a\\\"b\\n\"");
}

TEST(FieldErrors, AggregateMessageAndCauses) {
  field_errors one{required("spec.containers[0].image")};
  EXPECT_EQ(invalid_message("Pod", "web", one), "Pod \"web\" is invalid: spec.containers[0].image: Required value");
  field_errors two{required("spec.containers[0].image"), required("spec.containers[0].name"),
                   required("spec.containers[0].image")};
  EXPECT_EQ(aggregate_message(two), "[spec.containers[0].image: Required value, spec.containers[0].name: Required value]");
  auto causes = status_causes(one);
  ASSERT_EQ(causes.size(), 1u);
  EXPECT_EQ(causes[0], json::parse(R"({"reason":"FieldValueRequired","message":"Required value",
                                       "field":"spec.containers[0].image"})"));
  EXPECT_EQ(invalid_message("Deployment.apps", "x", {}), "Deployment.apps \"x\" is invalid");
}
