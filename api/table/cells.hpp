// Cell pieces several kinds' printers share; each kind's own cells live in its folder under api/kinds/.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api::cells {

using time_point = std::chrono::system_clock::time_point;
using array = boost::json::array;
using value = boost::json::value;

std::string name_of(const value& obj);
std::string age_of(const value& obj, time_point now);
// NAME and AGE: the cells of a kind without a printer of its own.
void name_age(const value& obj, time_point now, array& out);
// NAME and CREATED AT (RFC 3339): the default table convertor's cells, for kinds Kubernetes has no printer for.
void name_created_at(const value& obj, time_point now, array& out);

// layoutContainerCells: "a,b" and "img-a,img-b" from a pod spec's containers.
std::pair<std::string, std::string> containers_and_images(const value* pod_spec);
// The -o wide cells of a kind with a pod template: CONTAINERS, IMAGES, then the selector as given.
void template_wide_cells(const value& obj, std::string selector_text, array& out);
// metav1.FormatLabelSelector of a LabelSelector object: "<none>" for an empty or absent one, "<error>" for a
// malformed one.
std::string label_selector_text(const value* selector);
// The same of spec.selector.
std::string spec_selector_text(const value& obj);

// "a,b": parts joined by a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace navarch::api::cells
