#include "tests/sim/network.hpp"

#include <algorithm>

namespace navarch::sim {

void network::deliver_later(endpoint from, endpoint to, std::function<void()> deliver) {
  sim_time d = s_.uniform(faults.min_delay, faults.max_delay);
  s_.after(d, [this, from, to, deliver = std::move(deliver)] {
    if (linked(from, to))  // a partition that starts while a message is in flight loses it
      deliver();
  });
}

void network::send_datagram(endpoint from, endpoint to, std::function<void()> deliver) {
  if (!linked(from, to) || s_.chance(faults.drop))
    return;
  if (s_.chance(faults.duplicate))
    deliver_later(from, to, deliver);
  deliver_later(from, to, std::move(deliver));
}

void network::send_request(endpoint from, endpoint to, std::function<void()> deliver) {
  if (!linked(from, to) || s_.chance(faults.drop))
    return;
  deliver_later(from, to, std::move(deliver));
}

bool stream::send(watch_batch b) {
  if (broken_)
    return false;
  auto& s = net_.sched();
  sim_time t = std::max(last_delivery_, s.now() + s.uniform(net_.faults.min_delay, net_.faults.max_delay)) +
               net_.faults.stream_extra_delay;
  last_delivery_ = t;
  ++queued_;
  s.at(t, [self = shared_from_this(), b = std::move(b)] {
    --self->queued_;
    if (self->broken_)
      return;
    if (!self->net_.linked(self->from_, self->to_)) {
      self->do_break();
      return;
    }
    if (self->on_batch)
      self->on_batch(b);
    if (self->on_drain && !self->broken_)
      self->on_drain();
  });
  return true;
}

void stream::do_break() {
  broken_ = true;
  if (on_break)
    on_break();
}

void stream::fail(sim_time detect) {
  if (broken_)
    return;
  broken_ = true;
  net_.sched().after(detect, [self = shared_from_this()] {
    if (self->on_break)
      self->on_break();
  });
}

}  // namespace navarch::sim
