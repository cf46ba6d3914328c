#include "api/patch/smp_schema.hpp"

#include <algorithm>

namespace navarch::patch {

const field_meta* schema_node::field(std::string_view name) const {
  auto it = std::find_if(fields.begin(), fields.end(), [&](const field_meta& f) { return f.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

}  // namespace navarch::patch
