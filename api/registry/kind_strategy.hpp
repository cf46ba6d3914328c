// One kind's rules in one place, as Kubernetes' pkg/registry/<group>/<kind>/strategy.go: identity, defaults,
// create and update validation, what create resets, what a status write may change, the scale mapping,
// strategic-merge keys and Table columns. The apiserver core is generic over these; built-in kinds each fill one
// in their folder under api/kinds/, and CRDs will build them at run time (hence std::function, not pointers).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "api/auth/identity.hpp"
#include "api/patch/smp_schema.hpp"
#include "api/selectors/field_selector.hpp"
#include "api/table/printers.hpp"
#include "api/validation/field_error.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

// What create-time hooks may use besides the object: the clock and the uid just given to the object.
struct create_context {
  std::chrono::system_clock::time_point now;
  std::string_view uid;
};

// The autoscaling/v1 Scale of a kind with a scale subresource: where its replica counts and selector live.
struct scale_mapping {
  std::vector<std::string> spec_replicas{"spec", "replicas"};
  std::vector<std::string> status_replicas{"status", "replicas"};
  std::vector<std::string> label_selector{"spec", "selector"};  // a LabelSelector object, printed as text
  bool selector_is_label_map = false;  // a plain label map (a ReplicationController's), not a LabelSelector
};

// A subresource besides status and scale (pods/log, pods/binding): its name, the kind it answers with and the
// verbs it serves ("get" for GET, "create" for POST).
struct subresource_def {
  std::string name;
  std::string group;
  std::string version = "v1";
  std::string kind;
  std::vector<std::string> verbs;
};

// Store keys a new object claims in the transaction that creates it (a Service's ClusterIP): each must be free.
struct key_claims {
  std::vector<std::string> keys;
  // The user chose the claimed value: a taken key is `taken` (422), not a reason to pick again.
  bool requested = false;
  field_error taken;
  field_errors errors;  // the request cannot be met at all (a requested IP outside the range)
};

// What answering a review may use: who asks, the clock, and the verifier of the tokens this cluster signs
// (TokenReview): the claims of a token whose signature is ours, or nothing.
struct review_context {
  auth::user_info requester;
  std::chrono::system_clock::time_point now;
  std::function<std::optional<std::string>(std::string_view token)> verify_token;
};

struct kind_strategy {
  // Identity, as discovery and `kubectl api-resources` show it.
  std::string group;  // "" for the core group
  std::string version = "v1";
  std::string kind;      // "Pod"
  std::string plural;    // "pods"
  std::string singular;  // "pod"
  bool namespaced = true;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;  // "all" puts the kind in `kubectl get all`
  // The verbs served (others are 405); create-only kinds (TokenReview, SubjectAccessReview, ...) list "create".
  std::vector<std::string> verbs{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};

  // Subresources.
  bool has_status = false;  // status: spec and status are written apart; generation counts spec changes
  bool has_scale = false;
  scale_mapping scale;      // read only when has_scale
  std::vector<subresource_def> subresources;  // others (pods/log, pods/exec, pods/binding)

  // Which rule metadata.name must satisfy.
  name_check name_rule = name_is_dns1123_subdomain;

  // Hooks; an empty one does nothing. `obj` is the whole object (apiVersion, kind, metadata, spec, status).
  // On create, after server-set metadata: reset status, derive fields (a Job's selector from its uid).
  std::function<void(boost::json::object& obj, const create_context& ctx)> prepare_for_create;
  // On update of the object (not its status), before defaulting: carry over what a user may not drop.
  std::function<void(boost::json::object& obj, const boost::json::object& old)> prepare_for_update;
  // Defaulting, as the real apiserver fills fields a user leaves out; runs on create and update.
  std::function<void(boost::json::object& obj)> defaults;
  // Validation of the kind's own fields (metadata is validated generically).
  std::function<void(const boost::json::value& obj, field_errors& errs)> validate;
  // Update-only rules: immutable fields and transitions. Runs after `validate`.
  std::function<void(const boost::json::value& obj, const boost::json::value& old, field_errors& errs)>
      validate_update;

  // Store keys: claimed when an object is created (picked again on a lost race unless requested), freed with
  // its removal.
  std::function<key_claims(boost::json::object& obj)> claim_keys;
  std::function<std::vector<std::string>(const boost::json::object& obj)> released_keys;

  // Deletion. A reason this object may never be deleted (403 Forbidden: the built-in namespaces), or empty.
  std::function<std::string(const boost::json::object& obj)> delete_forbidden;
  // Graceful deletion: seconds a deleted object stays, marked, for its owner to stop it (a pod on a node, its
  // kubelet); 0 removes it now, or when its finalizers are gone. `options` is the DeleteOptions body.
  std::function<int64_t(const boost::json::object& obj, const boost::json::object& options)> grace_period;
  // When a delete marks the object (deletionTimestamp set): what else changes (a Namespace turns Terminating).
  std::function<void(boost::json::object& obj)> prepare_for_delete;
  // The apiserver finalizes objects of this kind itself: a delete only marks one, and the apiserver removes what
  // it holds and then it (a Namespace and everything in it); an update never removes it.
  bool finalized_by_apiserver = false;

  // Field selectors beyond metadata.name and metadata.namespace, which every kind supports.
  std::vector<selectable_field> selectable_fields;

  // A kind served in one group/version but stored as another (autoscaling/v1 HorizontalPodAutoscalers are stored
  // as autoscaling/v2, events.k8s.io Events as core Events, under the same /registry/<plural>/): the stored form's
  // apiVersion and the conversions each way. Empty for a kind stored as it is served.
  std::string stored_api_version;
  std::function<boost::json::object(const boost::json::object& served)> to_stored;
  std::function<boost::json::object(const boost::json::object& stored)> from_stored;
  // Kinds answered, not stored (the reviews, whose `verbs` are just "create"): fills in the status of the
  // validated object for the caller. Empty for stored kinds.
  std::function<void(boost::json::object& obj, const review_context& ctx)> review;

  // Strategic merge patch keys (nullptr: lists are replaced, as in a JSON merge patch).
  const patch::schema_node* smp = nullptr;
  // Table columns and cells for `kubectl get`; no columns means NAME and AGE.
  printer table;

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  std::string list_kind() const { return kind + "List"; }
  // "pods" or "deployments.apps": how Kubernetes names a resource in error messages.
  std::string qualified_name() const { return group.empty() ? plural : plural + "." + group; }
};

}  // namespace navarch::api
