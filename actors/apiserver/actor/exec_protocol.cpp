#include "actors/apiserver/actor/exec_protocol.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace navarch::apiserver {

namespace json = boost::json;

std::string choose_exec_protocol(const std::vector<std::string>& offered) {
  for (auto wanted : {exec_protocol_v5, exec_protocol_v4})
    if (std::find(offered.begin(), offered.end(), wanted) != offered.end()) return std::string(wanted);
  return {};
}

std::string channel_message(std::uint8_t channel, std::string_view data) {
  std::string out(1, static_cast<char>(channel));
  out.append(data);
  return out;
}

std::string exec_status(int exit_code, const std::string& error) {
  json::object s{{"metadata", json::object{}}};
  if (error.empty() && exit_code == 0) {
    s["status"] = "Success";
  } else if (error.empty()) {
    s["status"] = "Failure";
    s["message"] = "command terminated with non-zero exit code: exit code " + std::to_string(exit_code);
    s["reason"] = "NonZeroExitCode";
    s["details"] = json::object{
        {"causes", json::array{json::object{{"reason", "ExitCode"}, {"message", std::to_string(exit_code)}}}}};
  } else {
    s["status"] = "Failure";
    s["message"] = "Internal error occurred: " + error;
    s["reason"] = "InternalError";
    s["code"] = 500;
  }
  return json::serialize(s);
}

exec_client_message parse_client_message(std::string_view message, std::string_view protocol) {
  if (message.empty()) return {};
  auto channel = static_cast<std::uint8_t>(message[0]);
  auto rest = message.substr(1);
  switch (channel) {
    case exec_channel::stdin_data:
      return {exec_client_message::stdin_data, std::string(rest)};
    case exec_channel::resize:
      return {exec_client_message::resize, {}};
    case exec_channel::close:
      if (protocol == exec_protocol_v5 && !rest.empty() && rest[0] == exec_channel::stdin_data)
        return {exec_client_message::stdin_close, {}};
      return {};
    default:
      return {};
  }
}

std::string exec_command_json(const std::vector<std::pair<std::string, std::string>>& query) {
  json::array command;
  for (const auto& [key, value] : query)
    if (key == "command") command.emplace_back(value);
  return json::serialize(command);
}

}  // namespace navarch::apiserver
