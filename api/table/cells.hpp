// The cell functions behind printers.cpp, one per resource (internal to the table module).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace navarch::api::cells {

using time_point = std::chrono::system_clock::time_point;
using array = boost::json::array;
using value = boost::json::value;

void pod(const value& obj, time_point now, array& out);
void pod_conditions(const value& obj, array& out);
void node(const value& obj, time_point now, array& out);
void namespace_(const value& obj, time_point now, array& out);
void service(const value& obj, time_point now, array& out);
void endpoints(const value& obj, time_point now, array& out);
void configmap(const value& obj, time_point now, array& out);
void secret(const value& obj, time_point now, array& out);
void event(const value& obj, time_point now, array& out);
void service_account(const value& obj, time_point now, array& out);
void lease(const value& obj, time_point now, array& out);
void deployment(const value& obj, time_point now, array& out);
void replica_set(const value& obj, time_point now, array& out);
void daemon_set(const value& obj, time_point now, array& out);
void job(const value& obj, time_point now, array& out);
void name_age(const value& obj, time_point now, array& out);
void name_created_at(const value& obj, time_point now, array& out);

// Shared pieces.
std::string name_of(const value& obj);
std::string age_of(const value& obj, time_point now);
// layoutContainerCells: "a,b" and "img-a,img-b" from a pod spec's containers.
std::pair<std::string, std::string> containers_and_images(const value* pod_spec);
// metav1.FormatLabelSelector of a LabelSelector object: "<none>" when empty or absent, "<error>" when malformed.
std::string label_selector_text(const value* selector);
std::string join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace navarch::api::cells
