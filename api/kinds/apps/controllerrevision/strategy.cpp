#include "api/kinds/apps/controllerrevision/strategy.hpp"

#include <boost/json.hpp>

#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

void validate(const json::value& cr, field_errors& errs) {
  if (!jv::has(cr, {"data"})) errs.push_back(required("data", "data is mandatory"));
  if (auto r = jv::int_at(cr, {"revision"}); r && *r < 0)
    errs.push_back(invalid("revision", *r, "must be greater than or equal to 0"));
}

void validate_update(const json::value& cr, const json::value& old, field_errors& errs) {
  validate_immutable(jv::at(cr, {"data"}), jv::at(old, {"data"}), "data", errs);
}

// metav1.GetControllerOf, printed as lowercase "kind.group/name" ("statefulset.apps/web").
std::string controller_of(const json::value& cr) {
  if (const auto* refs = jv::array_at(cr, {"metadata", "ownerReferences"}))
    for (const auto& ref : *refs) {
      if (!jv::bool_at(ref, {"controller"})) continue;
      auto api_version = jv::string_at(ref, {"apiVersion"});
      auto slash = api_version.find('/');
      std::string kind(jv::string_at(ref, {"kind"}));
      if (slash != std::string_view::npos) kind += "." + std::string(api_version.substr(0, slash));
      return ascii_lowercase(kind) + "/" + std::string(jv::string_at(ref, {"name"}));
    }
  return "<none>";
}

void cells_of(const json::value& cr, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(cr)));
  out.push_back(json::string(controller_of(cr)));
  out.push_back(jv::int_at(cr, {"revision"}).value_or(0));
  out.push_back(json::string(cells::age_of(cr, now)));
}

}  // namespace

kind_strategy controller_revision_strategy() {
  kind_strategy s;
  s.group = "apps";
  s.kind = "ControllerRevision";
  s.plural = "controllerrevisions";
  s.singular = "controllerrevision";
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(), column("Controller", "Controller of the object"),
              column("Revision", "Revision indicates the revision of the state represented by Data."), age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
