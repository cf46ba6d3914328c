#include "actors/apiserver/actor/kubernetes_service_publisher.hpp"

#include <cstdio>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/apiserver/core/kubernetes_service.hpp"
#include "actors/client/requests.hpp"

namespace navarch::apiserver {

namespace {

msg::api_response ask(caf::scoped_actor& self, const msg::api_actor& api, const msg::api_request& req) {
  msg::api_response out{504, "application/json", "the apiserver did not answer"};
  self->request(api, client::default_request_timeout, req)
      .receive([&](msg::api_response& r) { out = std::move(r); },
               [&](caf::error& err) { out.body = caf::to_string(err); });
  return out;
}

}  // namespace

void publish_kubernetes_service(caf::actor_system& sys, const msg::api_actor& api, const std::string& ip,
                                uint16_t port) {
  caf::scoped_actor self{sys};
  for (const auto& object : api::kubernetes_service_objects(ip, port)) {
    client::resource_client rc({object.group, object.version, object.resource}, "system:apiserver");
    auto current = ask(self, api, rc.get("default", "kubernetes"));
    msg::api_response done{200, "", ""};
    if (current.code == 404) {
      done = ask(self, api, rc.create("default", object.desired));
    } else if (current.code == 200) {
      boost::json::error_code ec;
      auto parsed = boost::json::parse(current.body, ec);
      if (!ec && parsed.is_object())
        if (auto patch = api::catch_up_patch(object, parsed.as_object()); !patch.empty())
          done = ask(self, api, rc.patch("default", "kubernetes", client::patch_type::merge, patch));
    } else {
      done = current;
    }
    if (done.code >= 300)
      std::fprintf(stderr, "navarch: could not publish %s default/kubernetes: %d %s\n", object.resource.c_str(),
                   done.code, done.body.c_str());
  }
}

}  // namespace navarch::apiserver
