// Creates answered without storing anything: the reviews (decided by the kind for the caller) and TokenRequest
// (a signed token for a service account that exists).
#include "actors/apiserver/actor/worker_state.hpp"

#include "actors/apiserver/core/object_meta.hpp"
#include "actors/apiserver/core/reviews.hpp"
#include "actors/apiserver/core/store_ops.hpp"
#include "api/status/status.hpp"
#include "net/tls/jwt.hpp"

namespace navarch::apiserver::detail {

using namespace navarch::msg;

void handle_review(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp) {
  api::review_context ctx{api::auth::requester(req.user, req.groups), clock::now(),
                          [key = self->state.opts.service_account_key_pem](std::string_view token) {
                            return tls::verify_jwt(key, token);
                          }};
  rp(api::answer_review(rt, req.body, ctx));
}

void handle_token_request(worker_ptr self, const api::route& rt, const api_request& req, reply_fn rp,
                          steady::time_point deadline) {
  std::string key = api::object_key(*rt.resource, rt.ns, rt.name);
  self->request(self->state.store, time_left(self, deadline), range_request{key, {}, 0, 0, false})
      .then(
          [self, rt, req, rp](const range_response& r) {
            if (auto failed = unreadable_object(rt, r)) return rp(*failed);
            auto sa = parse_stored(r.kvs[0].value);
            if (!sa) return rp(api::internal_error("stored object is not valid JSON"));
            const auto& signing_key = self->state.opts.service_account_key_pem;
            rp(api::answer_token_request(req.body, sa->as_object(), clock::now(), api::new_uid(),
                                         [&](const std::string& claims) { return tls::sign_jwt(signing_key, claims); }));
          },
          failed(deadline, rp));
}

}  // namespace navarch::apiserver::detail
