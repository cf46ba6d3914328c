// ValidateCSIDriverName, which CSIDriver, CSINode and VolumeAttachment share.
#pragma once

#include <string>
#include <string_view>

#include "api/validation/field_error.hpp"
#include "api/validation/names.hpp"

namespace navarch::api::storage {

// Required, at most 63 characters, a DNS-1123 subdomain once lowercased.
void validate_csi_driver_name(std::string_view name, const std::string& path, field_errors& errs);

// The same rule as a name_check, for CSIDriver's own metadata.name.
messages csi_driver_name(std::string_view name, bool prefix);

}  // namespace navarch::api::storage
