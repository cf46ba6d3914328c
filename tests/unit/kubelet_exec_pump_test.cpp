#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "actors/kubelet/actor/exec_pump.hpp"

extern char** environ;

namespace navarch::kubelet {
namespace {

// `sh -c script` on pipes, as a runtime's exec_stream gives them.
exec_pipes local_exec(const std::string& script, bool with_stdin) {
  int in[2] = {-1, -1}, out[2], err[2];
  if (with_stdin) {
    EXPECT_EQ(::pipe2(in, O_CLOEXEC), 0);
  }
  EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
  EXPECT_EQ(::pipe2(err, O_CLOEXEC), 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (with_stdin) posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  else posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  const char* argv[] = {"/bin/sh", "-c", script.c_str(), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(::posix_spawn(&pid, "/bin/sh", &fa, nullptr, const_cast<char**>(argv), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  for (int fd : {in[0], out[1], err[1]})
    if (fd >= 0) ::close(fd);
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  EXPECT_GE(pidfd, 0);
  exec_pipes p;
  p.stdin_fd = in[1];
  p.stdout_fd = out[0];
  p.stderr_fd = err[0];
  p.done_fd = pidfd;
  p.kill = [pid] { ::kill(pid, SIGKILL); };
  p.finish = [pid, pidfd] {
    int st = 0;
    ::waitpid(pid, &st, 0);
    ::close(pidfd);
    exec_outcome o;
    o.exit_code = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
    return o;
  };
  return p;
}

struct collected {
  std::string out, err;
  exec_pump::output_fn fn() {
    return [this](int stream, std::string data) { (stream == 1 ? out : err) += data; };
  }
};

TEST(ExecPump, SeparatesStdoutAndStderrAndReportsTheExitCode) {
  exec_pump pump;
  collected c;
  auto outcome = pump.run(local_exec("echo out; echo err >&2; exit 3", false), c.fn());
  EXPECT_EQ(outcome.exit_code, 3);
  EXPECT_EQ(c.out, "out\n");
  EXPECT_EQ(c.err, "err\n");
}

TEST(ExecPump, FeedsStdinQueuedBeforeAndDuringTheRun) {
  exec_pump pump;
  pump.feed("first\n", false);  // before run(): kept until the command exists
  std::thread feeder([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    pump.feed(std::string(200000, 'x'), false);  // more than a pipe holds at once
    pump.feed("\nlast\n", true);
  });
  collected c;
  auto outcome = pump.run(local_exec("cat", true), c.fn());
  feeder.join();
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(c.out, "first\n" + std::string(200000, 'x') + "\nlast\n");
}

TEST(ExecPump, CancelKillsTheCommand) {
  exec_pump pump;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pump.cancel();
  });
  collected c;
  auto start = std::chrono::steady_clock::now();
  auto outcome = pump.run(local_exec("echo started; sleep 30", false), c.fn());
  canceller.join();
  EXPECT_EQ(outcome.exit_code, 128 + SIGKILL);
  EXPECT_EQ(c.out, "started\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(ExecPump, EndsWithTheCommandEvenIfABackgroundChildHoldsTheOutput) {
  exec_pump pump;
  collected c;
  auto start = std::chrono::steady_clock::now();
  auto outcome = pump.run(local_exec("sleep 3 & echo done", false), c.fn());
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(c.out, "done\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ExecPump, ACommandThatClosesItsStdinDoesNotStopThePump) {
  exec_pump pump;
  pump.feed(std::string(200000, 'y'), true);  // nobody reads it: EPIPE, not SIGPIPE
  collected c;
  auto outcome = pump.run(local_exec("exec 0<&-; echo closed", true), c.fn());
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(c.out, "closed\n");
}

}  // namespace
}  // namespace navarch::kubelet
