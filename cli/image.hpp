#pragma once

namespace navarch::cli {

// `navarch image import PATH [NAME] [--data-dir DIR]` and `navarch image list [--data-dir DIR]`: the node's local
// image store (images come from OCI layouts; Navarch does not pull from registries).
int run_image(int argc, char** argv);

}  // namespace navarch::cli
