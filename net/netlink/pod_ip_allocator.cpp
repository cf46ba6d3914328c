#include "net/netlink/pod_ip_allocator.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "net/netlink/unique_fd.hpp"

namespace navarch::netlink {
namespace {

void check_owner(const std::string& owner) {
  if (owner.empty()) throw std::invalid_argument("pod IP owner is empty");
  if (std::any_of(owner.begin(), owner.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
    throw std::invalid_argument("pod IP owner \"" + owner + "\" contains whitespace or control characters");
}

}  // namespace

pod_ip_allocator::pod_ip_allocator(ipv4_cidr pod_cidr) : cidr_(pod_cidr) {
  if (cidr_.address != cidr_.network())
    throw std::invalid_argument("pod CIDR " + cidr_.str() + " has host bits set");
  if (cidr_.prefix_length < 8 || cidr_.prefix_length > 30)
    throw std::invalid_argument("pod CIDR " + cidr_.str() + " must have a prefix length from 8 to 30");
}

ipv4_cidr pod_ip_allocator::allocate(const std::string& owner) {
  check_owner(owner);
  if (auto held = by_owner_.find(owner); held != by_owner_.end()) return {cidr_.at(held->second), cidr_.prefix_length};
  if (by_owner_.size() >= capacity())
    throw pod_cidr_exhausted("pod CIDR " + cidr_.str() + " is exhausted: all " + std::to_string(capacity()) +
                             " pod addresses are allocated");
  // Pod offsets run from 2 (after the gateway) to size - 2 (before the broadcast address).
  const auto first = std::uint32_t{2}, last = static_cast<std::uint32_t>(cidr_.size() - 2);
  std::uint32_t offset = last_offset_;
  do {
    offset = offset >= last ? first : offset + 1;
  } while (by_address_.contains(offset));
  by_address_.emplace(offset, owner);
  by_owner_.emplace(owner, offset);
  last_offset_ = offset;
  return {cidr_.at(offset), cidr_.prefix_length};
}

void pod_ip_allocator::reserve(ipv4_address address, const std::string& owner) {
  check_owner(owner);
  if (!cidr_.contains(address))
    throw std::invalid_argument(address.str() + " is outside pod CIDR " + cidr_.str());
  const auto offset = address.bits - cidr_.network().bits;
  if (offset < 2 || offset == cidr_.size() - 1)
    throw std::invalid_argument(address.str() + " is the network, gateway or broadcast address of " + cidr_.str());
  if (auto held = by_address_.find(offset); held != by_address_.end()) {
    if (held->second == owner) return;
    throw std::invalid_argument(address.str() + " is already allocated to " + held->second);
  }
  if (auto other = by_owner_.find(owner); other != by_owner_.end())
    throw std::invalid_argument(owner + " already holds " + cidr_.at(other->second).str());
  by_address_.emplace(offset, owner);
  by_owner_.emplace(owner, offset);
  last_offset_ = std::max(last_offset_, offset);
}

std::optional<ipv4_address> pod_ip_allocator::release(const std::string& owner) {
  const auto held = by_owner_.find(owner);
  if (held == by_owner_.end()) return std::nullopt;
  const auto offset = held->second;
  by_address_.erase(offset);
  by_owner_.erase(held);
  return cidr_.at(offset);
}

std::optional<ipv4_address> pod_ip_allocator::address_of(const std::string& owner) const {
  const auto held = by_owner_.find(owner);
  if (held == by_owner_.end()) return std::nullopt;
  return cidr_.at(held->second);
}

std::map<std::string, ipv4_address> pod_ip_allocator::allocations() const {
  std::map<std::string, ipv4_address> out;
  for (const auto& [owner, offset] : by_owner_) out.emplace(owner, cidr_.at(offset));
  return out;
}

std::string pod_ip_allocator::serialize() const {
  std::string out = "cidr " + cidr_.str() + "\n";
  for (const auto& [offset, owner] : by_address_) out += cidr_.at(offset).str() + ' ' + owner + '\n';
  return out;
}

pod_ip_allocator pod_ip_allocator::parse(ipv4_cidr pod_cidr, std::string_view text) {
  pod_ip_allocator a(pod_cidr);
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  bool saw_cidr = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const auto where = "line " + std::to_string(number) + ": ";
    std::istringstream fields(line);
    std::string first, second, extra;
    if (!(fields >> first >> second) || (fields >> extra))
      throw std::invalid_argument(where + "want two fields, got \"" + line + "\"");
    try {
      if (!saw_cidr) {
        if (first != "cidr") throw std::invalid_argument("want \"cidr <block>\" first");
        const auto written_for = ipv4_cidr::parse_network(second);
        if (written_for != pod_cidr)
          throw std::invalid_argument("written for pod CIDR " + written_for.str() + ", not " + pod_cidr.str());
        saw_cidr = true;
        continue;
      }
      const auto address = ipv4_address::parse(first);
      a.reserve(address, second);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(where + e.what());
    }
  }
  if (!saw_cidr && number > 0) throw std::invalid_argument("no \"cidr <block>\" line");
  return a;
}

pod_ip_allocator load_pod_ips(const std::filesystem::path& path, ipv4_cidr pod_cidr) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) return pod_ip_allocator(pod_cidr);
  std::ifstream in(path);
  if (!in) throw std::runtime_error("reading pod IPs from " + path.string() + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return pod_ip_allocator::parse(pod_cidr, text.str());
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error("reading pod IPs from " + path.string() + ": " + e.what());
  }
}

void save_pod_ips(const std::filesystem::path& path, const pod_ip_allocator& allocator) {
  const auto tmp = path.string() + ".tmp";
  const std::string text = allocator.serialize();
  const auto fail = [&](const char* step) {
    throw std::runtime_error(std::string("saving pod IPs to ") + path.string() + ": " + step + ": " +
                             std::strerror(errno));
  };
  {
    const unique_fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) fail("open");
    if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::fsync(fd.get()) != 0)
      fail("write");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename");
}

}  // namespace navarch::netlink
