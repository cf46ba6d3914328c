// What a pod's containers read from the API besides the pod itself: ConfigMaps and Secrets for env, envFrom and
// volumes, and the pod's own fields for fieldRef and downwardAPI. Pure: the supervisor fetches the objects, this
// turns them into environment variables and volume files.
#pragma once

#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

namespace navarch::kubelet {

struct referenced_objects {
  std::set<std::string> config_maps, secrets;
};
referenced_objects references_of(const boost::json::object& pod);

// The fetched objects by name (Secrets' data still base64, as the API serves it).
struct pod_inputs {
  std::map<std::string, boost::json::object> config_maps, secrets;
  std::string pod_ip, host_ip;
};

struct env_entry {
  std::string name, value;
};
// The container's environment (envFrom first, then env, later names winning), or the error Kubernetes reports
// as CreateContainerConfigError (e.g. `configmap "cfg" not found`).
std::variant<std::vector<env_entry>, std::string> container_env(const boost::json::object& pod,
                                                                const boost::json::object& container,
                                                                const pod_inputs& in);

struct volume_source {
  enum class kind { empty_dir, host_path, files };
  kind type = kind::empty_dir;
  std::string host_path;                      // host_path
  std::map<std::string, std::string> files;   // files: relative path -> content (configMap, secret, downwardAPI)
};
// Every volume of the pod by name, or the error for a missing ConfigMap/Secret. Unsupported kinds are errors.
std::variant<std::map<std::string, volume_source>, std::string> pod_volumes(const boost::json::object& pod,
                                                                            const pod_inputs& in);

}  // namespace navarch::kubelet
