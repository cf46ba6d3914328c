#include "api/kinds/core/podtemplate/strategy.hpp"

#include <boost/json.hpp>

#include "api/defaults/pod_spec.hpp"
#include "api/patch/smp_nodes.hpp"
#include "api/selectors/label_selector.hpp"
#include "api/table/cells.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/pod.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr patch::field_meta pod_template_kind_fields[] = {patch::nested("metadata", patch::object_meta),
                                                          patch::nested("template", patch::pod_template)};
constexpr patch::schema_node pod_template_kind{pod_template_kind_fields};

void validate(const json::value& pt, field_errors& errs) {
  static const json::value empty = json::object{};
  const auto* tmpl = jv::at(pt, {"template"});
  validate_pod_template(tmpl ? tmpl : &empty, "template", {"Always", "OnFailure", "Never"}, errs);
}

void cells_of(const json::value& pt, std::chrono::system_clock::time_point, json::array& out) {
  auto [names, images] = cells::containers_and_images(jv::at(pt, {"template", "spec"}));
  out.push_back(json::string(cells::name_of(pt)));
  out.push_back(json::string(names));
  out.push_back(json::string(images));
  out.push_back(json::string(format_labels(jv::object_at(pt, {"template", "metadata", "labels"}))));
}

}  // namespace

kind_strategy pod_template_strategy() {
  kind_strategy s;
  s.kind = "PodTemplate";
  s.plural = "podtemplates";
  s.singular = "podtemplate";
  s.defaults = default_pod_template;  // the whole object holds `template`, as a workload's spec does
  s.validate = validate;
  s.smp = &pod_template_kind;
  // printPodTemplate: no AGE column, and CONTAINERS and IMAGES are not -o wide only.
  s.table = {{name_column(), column("Containers", "Names of each container in the template."),
              column("Images", "Images referenced by each container in the template."),
              column("Pod Labels", "The labels for the pod template.")},
             cells_of};
  return s;
}

}  // namespace navarch::api
