// Column definitions every printer shares: Name and Age (with ObjectMeta's own descriptions, as Kubernetes
// prints them), and the "Created At" column of the default table convertor, which kinds without a printer get.
#pragma once

#include <string_view>

#include "api/table/printers.hpp"

namespace navarch::api {

// The two descriptions every table carries, verbatim from ObjectMeta's API documentation.
inline constexpr std::string_view name_doc =
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow "
    "a client to request the generation of an appropriate name automatically. Name is primarily intended for "
    "creation idempotence and configuration definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
inline constexpr std::string_view age_doc =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not "
    "guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is "
    "represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

inline constexpr column_def name_column{"Name", "string", "name", name_doc, 0};
inline constexpr column_def age_column{"Age", "string", "", age_doc, 0};
inline constexpr column_def created_at_column{"Created At", "date", "", age_doc, 0};
inline constexpr column_def containers_column{"Containers", "string", "", "Names of each container in the template.",
                                              1};
inline constexpr column_def images_column{"Images", "string", "",
                                          "Images referenced by each container in the template.", 1};

constexpr column_def column(std::string_view name, std::string_view description, std::string_view type = "string",
                            int priority = 0) {
  return column_def{name, type, "", description, priority};
}

// The default table convertor's columns (Name, Created At) and its cells, for kinds Kubernetes has no printer for
// (Role, ClusterRole, LimitRange).
printer created_at_printer();

}  // namespace navarch::api
