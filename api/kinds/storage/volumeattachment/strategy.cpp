#include "api/kinds/storage/volumeattachment/strategy.hpp"

#include <boost/json.hpp>

#include "api/kinds/storage/csi_names.hpp"
#include "api/kinds/shared_hooks.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/table/cells.hpp"
#include "api/validation/common.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr const char* one_source = "must specify exactly one of inlineVolumeSpec and persistentVolumeName";

void validate(const json::value& va, field_errors& errs) {
  auto attacher = jv::string_at(va, {"spec", "attacher"});
  if (attacher.empty()) errs.push_back(required("spec.attacher"));
  else storage::validate_csi_driver_name(attacher, "spec.attacher", errs);
  bool has_pv = jv::has(va, {"spec", "source", "persistentVolumeName"});
  bool has_inline = jv::has(va, {"spec", "source", "inlineVolumeSpec"});
  if (!has_pv && !has_inline) errs.push_back(required("spec.source", one_source));
  else if (has_pv && has_inline) errs.push_back(forbidden("spec.source", one_source));
  else if (has_pv) {
    auto pv = jv::string_at(va, {"spec", "source", "persistentVolumeName"});
    if (pv.empty())
      errs.push_back(required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
    else
      for (const auto& m : check_dns1123_subdomain(pv)) errs.push_back(invalid("spec.source.persistentVolumeName", pv, m));
  }
  auto node = jv::string_at(va, {"spec", "nodeName"});
  if (node.empty()) errs.push_back(required("spec.nodeName"));
  else
    for (const auto& m : check_dns1123_subdomain(node)) errs.push_back(invalid("spec.nodeName", node, m));
}

void validate_update(const json::value& va, const json::value& old, field_errors& errs) {
  validate_immutable(jv::at(va, {"spec"}), jv::at(old, {"spec"}), "spec", errs);
}

void cells_of(const json::value& va, std::chrono::system_clock::time_point now, json::array& out) {
  out.push_back(json::string(cells::name_of(va)));
  out.push_back(json::string(jv::string_at(va, {"spec", "attacher"})));
  out.push_back(json::string(jv::string_at(va, {"spec", "source", "persistentVolumeName"})));
  out.push_back(json::string(jv::string_at(va, {"spec", "nodeName"})));
  out.push_back(jv::bool_at(va, {"status", "attached"}));
  out.push_back(json::string(cells::age_of(va, now)));
}

}  // namespace

kind_strategy volume_attachment_strategy() {
  kind_strategy s;
  s.group = "storage.k8s.io";
  s.kind = "VolumeAttachment";
  s.plural = "volumeattachments";
  s.singular = "volumeattachment";
  s.namespaced = false;
  s.has_status = true;
  s.prepare_for_create = clear_status;
  s.validate = validate;
  s.validate_update = validate_update;
  s.smp = &patch::metadata_only;
  s.table = {{name_column(),
              column_def{"Attacher", "string", "name",
                         "attacher indicates the name of the volume driver that MUST handle this request. This is the "
                         "name returned by GetPluginName().",
                         0},
              column("PV", "persistentVolumeName represents the name of the persistent volume to attach."),
              column("Node", "nodeName represents the node that the volume should be attached to."),
              column("Attached", "attached indicates the volume is successfully attached. This field must only be "
                                 "set by the entity completing the attach operation, i.e. the external-attacher.",
                     "boolean"),
              age_column()},
             cells_of};
  return s;
}

}  // namespace navarch::api
