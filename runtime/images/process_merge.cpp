#include "runtime/images/process_merge.hpp"

#include "runtime/images/image_error.hpp"

namespace navarch::images {
namespace {

const std::string* lookup(const std::vector<env_var>& env, std::string_view name) {
  for (auto it = env.rbegin(); it != env.rend(); ++it)
    if (it->name == name) return &it->value;
  return nullptr;
}

}  // namespace

std::string expand_env_refs(const std::string& in, const std::vector<env_var>& env) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '$' || i + 1 >= in.size()) {
      out += in[i];
      continue;
    }
    if (in[i + 1] == '$') {  // "$$" is a literal '$'
      out += '$';
      ++i;
      continue;
    }
    if (in[i + 1] == '(') {
      auto close = in.find(')', i + 2);
      if (close != std::string::npos) {
        auto name = std::string_view(in).substr(i + 2, close - i - 2);
        if (auto* v = lookup(env, name)) {
          out += *v;
          i = close;
          continue;
        }
        out.append(in, i, close - i + 1);  // unknown: left as written
        i = close;
        continue;
      }
    }
    out += in[i];
  }
  return out;
}

process_spec merge_process(const image_config& image, const container_overrides& c) {
  process_spec p;
  if (!c.command.empty()) {
    p.argv = c.command;
    p.argv.insert(p.argv.end(), c.args.begin(), c.args.end());
  } else {
    p.argv = image.entrypoint;
    auto& tail = c.args.empty() ? image.cmd : c.args;
    p.argv.insert(p.argv.end(), tail.begin(), tail.end());
  }
  if (p.argv.empty())
    throw image_error(image_errc::bad_layout,
                      "no command specified: the image has neither Entrypoint nor Cmd and the container gives no command");
  // Only the container's own command and args expand $(VAR), and only from the container's env.
  auto expand_from = p.argv.begin() + (c.command.empty() ? static_cast<std::ptrdiff_t>(image.entrypoint.size()) : 0);
  bool args_from_container = !c.command.empty() || !c.args.empty();
  if (args_from_container)
    for (auto it = expand_from; it != p.argv.end(); ++it) *it = expand_env_refs(*it, c.env);

  for (auto& kv : image.env) {
    auto eq = kv.find('=');
    env_var v{kv.substr(0, eq), eq == std::string::npos ? std::string() : kv.substr(eq + 1)};
    if (v.name.empty()) continue;
    bool seen = false;
    for (auto& e : p.env)
      if (e.name == v.name) e.value = v.value, seen = true;
    if (!seen) p.env.push_back(std::move(v));
  }
  for (auto& v : c.env) {
    bool seen = false;
    for (auto& e : p.env)
      if (e.name == v.name) e.value = v.value, seen = true;
    if (!seen) p.env.push_back(v);
  }

  p.working_dir = !c.working_dir.empty() ? c.working_dir : !image.working_dir.empty() ? image.working_dir : "/";

  if (c.run_as_user || c.run_as_group) {
    std::string image_user = image.user.substr(0, image.user.find(':'));
    constexpr std::int64_t root_uid = 0;  // an image without User runs as root
    std::string user = c.run_as_user ? std::to_string(*c.run_as_user)
                       : image_user.empty() ? std::to_string(root_uid)
                                            : image_user;
    // With runAsUser alone the group comes from the rootfs' /etc/passwd (resolved by the runtime), as in containerd.
    if (c.run_as_group) {
      user += ':';
      user += std::to_string(*c.run_as_group);
    }
    p.user = user;
  } else {
    p.user = image.user;
  }
  return p;
}

}  // namespace navarch::images
