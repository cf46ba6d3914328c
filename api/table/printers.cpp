#include "api/table/printers.hpp"

#include "api/table/cells.hpp"

namespace navarch::api {

namespace {

// The two descriptions every table carries, verbatim from ObjectMeta's API documentation.
constexpr std::string_view name_doc =
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow "
    "a client to request the generation of an appropriate name automatically. Name is primarily intended for "
    "creation idempotence and configuration definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
constexpr std::string_view age_doc =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not "
    "guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is "
    "represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

}  // namespace

column_def name_column(int priority) { return column_def{"Name", "string", "name", name_doc, priority}; }
column_def age_column() { return column_def{"Age", "string", "", age_doc, 0}; }
column_def containers_column() { return column("Containers", "Names of each container in the template.", "string", 1); }
column_def images_column() {
  return column("Images", "Images referenced by each container in the template.", "string", 1);
}

printer created_at_printer() {
  return {{name_column(), column_def{"Created At", "date", "", age_doc, 0}}, cells::name_created_at};
}

const printer& default_printer() {
  static const printer p{{name_column(), age_column()}, cells::name_age};
  return p;
}

}  // namespace navarch::api
