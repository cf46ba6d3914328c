// kubectl exec over WebSocket (the channel.k8s.io subprotocols): every message starts with its channel byte.
// Pure: the bridge (exec_bridge) moves these between the HTTP front and the kubelet's exec session.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace navarch::apiserver {

namespace exec_channel {
inline constexpr std::uint8_t stdin_data = 0, stdout_data = 1, stderr_data = 2, status = 3, resize = 4,
                              close = 255;  // v5: [255, c] — the client closed its stream c (0: stdin)
}

inline constexpr std::string_view exec_protocol_v5 = "v5.channel.k8s.io";
inline constexpr std::string_view exec_protocol_v4 = "v4.channel.k8s.io";

// The subprotocol to answer with among those the client offers (v5, else v4); empty when none is supported.
std::string choose_exec_protocol(const std::vector<std::string>& offered);

// One message to the client: the channel byte, then the data.
std::string channel_message(std::uint8_t channel, std::string_view data);

// The final status on the status channel: Success for exit code 0; Failure with reason NonZeroExitCode and an
// ExitCode cause (kubectl then exits with that code); or, when the command could not run, an InternalError.
std::string exec_status(int exit_code, const std::string& error);

// What a message from the client asks for.
struct exec_client_message {
  enum kind { stdin_data, stdin_close, resize, ignored } what = ignored;
  std::string data;  // stdin bytes
};
exec_client_message parse_client_message(std::string_view message, std::string_view protocol);

// The command of an exec request, the repeated `command` query parameters in order, as a JSON array of strings.
std::string exec_command_json(const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace navarch::apiserver
