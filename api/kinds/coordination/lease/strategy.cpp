#include "api/kinds/coordination/lease/strategy.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& lease, field_errors& errs) {
  if (auto d = jv::int_at(lease, {"spec", "leaseDurationSeconds"}); d && *d <= 0)
    errs.push_back(invalid("spec.leaseDurationSeconds", *d, "must be greater than 0"));
  if (auto t = jv::int_at(lease, {"spec", "leaseTransitions"}); t && *t < 0)
    errs.push_back(invalid("spec.leaseTransitions", *t, "must be greater than or equal to 0"));
}

void lease_cells(const json::value& l, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(l)));
  out.push_back(json::string(jv::string_at(l, {"spec", "holderIdentity"})));
  out.push_back(json::string(cells::age_of(l, now)));
}

}  // namespace

kind_strategy lease_strategy() {
  kind_strategy k;
  k.group = "coordination.k8s.io";
  k.kind = "Lease";
  k.plural = "leases";
  k.singular = "lease";
  k.validate = validate;
  k.smp = &patch::metadata_only;
  k.table = {{name_column(), column("Holder", "holderIdentity contains the identity of the holder of a current lease."),
              age_column()},
             lease_cells};
  return k;
}

}  // namespace navarch::api
