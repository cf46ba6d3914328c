#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/apiserver/actor/exec_protocol.hpp"

namespace navarch::apiserver {
namespace {

namespace json = boost::json;

TEST(ExecProtocol, ChoosesV5ThenV4) {
  EXPECT_EQ(choose_exec_protocol({"v4.channel.k8s.io", "v5.channel.k8s.io"}), "v5.channel.k8s.io");
  EXPECT_EQ(choose_exec_protocol({"channel.k8s.io", "v4.channel.k8s.io"}), "v4.channel.k8s.io");
  EXPECT_EQ(choose_exec_protocol({"SPDY/3.1+portforward.k8s.io"}), "");
  EXPECT_EQ(choose_exec_protocol({}), "");
}

TEST(ExecProtocol, ChannelMessagesStartWithTheChannel) {
  EXPECT_EQ(channel_message(exec_channel::stdout_data, "hi\n"), "\x01hi\n");
  EXPECT_EQ(channel_message(exec_channel::stderr_data, ""), "\x02");
}

TEST(ExecProtocol, StatusForSuccessExitCodesAndErrors) {
  EXPECT_EQ(json::parse(exec_status(0, "")), json::parse(R"({"metadata":{},"status":"Success"})"));
  auto failed = json::parse(exec_status(3, "")).as_object();
  EXPECT_EQ(failed["status"], "Failure");
  EXPECT_EQ(failed["reason"], "NonZeroExitCode");
  auto cause = failed["details"].at("causes").at(0);
  EXPECT_EQ(cause.at("reason"), "ExitCode");
  EXPECT_EQ(cause.at("message"), "3");
  auto broken = json::parse(exec_status(-1, "exec nosuch: No such file or directory")).as_object();
  EXPECT_EQ(broken["status"], "Failure");
  EXPECT_EQ(broken["reason"], "InternalError");
  EXPECT_NE(json::value_to<std::string>(broken["message"]).find("No such file"), std::string::npos);
}

TEST(ExecProtocol, ParsesClientMessages) {
  auto in = parse_client_message(std::string("\x00" "abc", 4), exec_protocol_v5);
  EXPECT_EQ(in.what, exec_client_message::stdin_data);
  EXPECT_EQ(in.data, "abc");
  EXPECT_EQ(parse_client_message(std::string("\xff\x00", 2), exec_protocol_v5).what, exec_client_message::stdin_close);
  // v4 has no close signal; channel 255 means nothing there.
  EXPECT_EQ(parse_client_message(std::string("\xff\x00", 2), exec_protocol_v4).what, exec_client_message::ignored);
  EXPECT_EQ(parse_client_message("\x04{\"Width\":80,\"Height\":24}", exec_protocol_v5).what,
            exec_client_message::resize);
  EXPECT_EQ(parse_client_message("", exec_protocol_v5).what, exec_client_message::ignored);
  EXPECT_EQ(parse_client_message("\x01out", exec_protocol_v5).what, exec_client_message::ignored);
}

TEST(ExecProtocol, CommandKeepsRepeatedParametersInOrder) {
  std::vector<std::pair<std::string, std::string>> query{
      {"command", "sh"}, {"container", "c"}, {"command", "-c"}, {"command", "echo a; exit 3"}, {"stdout", "true"}};
  EXPECT_EQ(exec_command_json(query), R"(["sh","-c","echo a; exit 3"])");
  EXPECT_EQ(exec_command_json({}), "[]");
}

}  // namespace
}  // namespace navarch::apiserver
