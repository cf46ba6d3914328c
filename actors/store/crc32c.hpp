// CRC-32C (Castagnoli), the checksum of log records and snapshots. Hand-written so the file formats need no
// extra dependency.
#pragma once

#include <cstddef>
#include <cstdint>

namespace navarch::store {

// Continues a running checksum: crc32c(b, nb, crc32c(a, na)) == crc32c of a followed by b.
uint32_t crc32c(const void* data, std::size_t size, uint32_t crc = 0);

}  // namespace navarch::store
