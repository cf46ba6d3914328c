#include "api/kinds/core/serviceaccount/strategy.hpp"

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr patch::field_meta service_account_fields[] = {patch::nested("metadata", patch::object_meta),
                                                        patch::keyed_list("secrets", "name")};
constexpr patch::schema_node service_account_schema{service_account_fields};

void service_account_cells(const json::value& sa, std::chrono::system_clock::time_point now, json::array& out) {
  const auto* secrets = jv::array_at(sa, {"secrets"});
  out.push_back(json::string(cells::name_of(sa)));
  out.push_back(static_cast<int64_t>(secrets ? secrets->size() : 0));
  out.push_back(json::string(cells::age_of(sa, now)));
}

}  // namespace

kind_strategy service_account_strategy() {
  kind_strategy k;
  k.kind = "ServiceAccount";
  k.plural = "serviceaccounts";
  k.singular = "serviceaccount";
  k.short_names = {"sa"};
  k.smp = &service_account_schema;
  k.table = {{name_column(), column("Secrets", "Secrets is a list of the secrets used by this service account."),
              age_column()},
             service_account_cells};
  return k;
}

}  // namespace navarch::api
