// The elementwise kernels for any CPU (baseline instruction set).
#define TSFLOW_EW_MVEC 0
#include "elementwise_impl.h"

namespace tsflow {
namespace ew {

const KernelTable& PortableKernels() {
  static const KernelTable table = MakeTable();
  return table;
}

}  // namespace ew
}  // namespace tsflow
