#include <gtest/gtest.h>

#include "runtime/images/image_error.hpp"
#include "runtime/images/process_merge.hpp"

using namespace navarch::images;
using strings = std::vector<std::string>;

namespace {
image_config nginx() {
  image_config c;
  c.entrypoint = {"/docker-entrypoint.sh"};
  c.cmd = {"nginx", "-g", "daemon off;"};
  c.env = {"PATH=/usr/bin:/bin", "NGINX_VERSION=1.25", "EMPTY="};
  c.working_dir = "/srv";
  c.user = "101:102";
  return c;
}
}  // namespace

TEST(ProcessMerge, NeitherCommandNorArgsRunsEntrypointPlusCmd) {
  auto p = merge_process(nginx(), {});
  EXPECT_EQ(p.argv, (strings{"/docker-entrypoint.sh", "nginx", "-g", "daemon off;"}));
  EXPECT_EQ(p.working_dir, "/srv");
  EXPECT_EQ(p.user, "101:102");
}

TEST(ProcessMerge, CommandReplacesEntrypointAndDropsCmd) {
  container_overrides c;
  c.command = {"sleep"};
  EXPECT_EQ(merge_process(nginx(), c).argv, strings{"sleep"});
}

TEST(ProcessMerge, ArgsReplaceCmdAfterEntrypoint) {
  container_overrides c;
  c.args = {"sleep", "10"};
  EXPECT_EQ(merge_process(nginx(), c).argv, (strings{"/docker-entrypoint.sh", "sleep", "10"}));
  // kubectl run x --image=busybox -- sleep 10: busybox has no Entrypoint, so args alone are the command.
  image_config busybox;
  busybox.cmd = {"sh"};
  EXPECT_EQ(merge_process(busybox, c).argv, (strings{"sleep", "10"}));
}

TEST(ProcessMerge, CommandAndArgsRunTogether) {
  container_overrides c;
  c.command = {"sh", "-c"};
  c.args = {"echo hi"};
  EXPECT_EQ(merge_process(nginx(), c).argv, (strings{"sh", "-c", "echo hi"}));
}

TEST(ProcessMerge, NoCommandAnywhereIsAClearError) {
  try {
    merge_process(image_config{}, {});
    FAIL();
  } catch (const image_error& e) {
    EXPECT_NE(std::string(e.what()).find("no command specified"), std::string::npos);
  }
}

TEST(ProcessMerge, ContainerEnvOverridesImageEnvInPlaceAndAppendsNewNames) {
  container_overrides c;
  c.env = {{"NGINX_VERSION", "1.27"}, {"MODE", "prod"}};
  auto p = merge_process(nginx(), c);
  EXPECT_EQ(p.env, (std::vector<env_var>{{"PATH", "/usr/bin:/bin"}, {"NGINX_VERSION", "1.27"}, {"EMPTY", ""}, {"MODE", "prod"}}));
}

TEST(ProcessMerge, WorkingDirAndUserOverrides) {
  container_overrides c;
  c.working_dir = "/data";
  c.run_as_user = 1000;
  auto p = merge_process(nginx(), c);
  EXPECT_EQ(p.working_dir, "/data");
  EXPECT_EQ(p.user, "1000");
  c.run_as_group = 2000;
  EXPECT_EQ(merge_process(nginx(), c).user, "1000:2000");
  container_overrides g;
  g.run_as_group = 3000;
  EXPECT_EQ(merge_process(nginx(), g).user, "101:3000");
  image_config bare;
  bare.cmd = {"sh"};
  EXPECT_EQ(merge_process(bare, {}).working_dir, "/");
  EXPECT_EQ(merge_process(bare, {}).user, "");
  EXPECT_EQ(merge_process(bare, g).user, "0:3000");
}

TEST(ProcessMerge, DollarParenReferencesExpandFromTheContainerEnvOnly) {
  container_overrides c;
  c.command = {"echo", "$(GREETING) $(NAME)", "$$(GREETING)", "$(PATH)", "$(MISSING)", "cost: $5", "$(unclosed"};
  c.env = {{"GREETING", "hello"}, {"NAME", "world"}};
  auto p = merge_process(nginx(), c);
  EXPECT_EQ(p.argv, (strings{"echo", "hello world", "$(GREETING)", "$(PATH)", "$(MISSING)", "cost: $5", "$(unclosed"}));
  // The image's own Entrypoint and Cmd are never expanded.
  image_config img;
  img.cmd = {"echo", "$(GREETING)"};
  container_overrides env_only;
  env_only.env = c.env;
  EXPECT_EQ(merge_process(img, env_only).argv, (strings{"echo", "$(GREETING)"}));
}
