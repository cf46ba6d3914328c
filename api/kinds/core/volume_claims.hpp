// What PersistentVolumes and PersistentVolumeClaims share: access modes, the storage class (annotation or
// field), volume modes, a positive storage quantity.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "api/validation/field_error.hpp"

namespace navarch::api::volumes {

// accessModes: at least one (with `required_detail`), each supported, ReadWriteOncePod alone.
void validate_access_modes(const boost::json::value& spec, const std::string& path, std::string_view required_detail,
                           field_errors& errs);
// storageClassName (a DNS subdomain when set) and volumeMode (Block or Filesystem when set).
void validate_class_and_mode(const boost::json::value& spec, const std::string& path, field_errors& errs);
// A quantity that must parse and be greater than zero.
void validate_positive_quantity(const boost::json::value* q, const std::string& path, field_errors& errs);

// helper.GetAccessModesAsString: "RWO,ROX,RWX,RWOP" in that order, duplicates dropped.
std::string access_modes_text(const boost::json::value* modes);
// GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins over the field.
std::string storage_class_of(const boost::json::value& obj);
// A quantity as written (Kubernetes prints Quantity.String(), its canonical form).
std::string quantity_text(const boost::json::value* q);

}  // namespace navarch::api::volumes
