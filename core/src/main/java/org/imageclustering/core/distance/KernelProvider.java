package org.imageclustering.core.distance;

/** Chooses the implementation of the kernel's inner loops, once, when the package is first used. */
final class KernelProvider {
    /** The lane count every layout of the package uses. */
    static final int LANES = VectorKernels.LANES;
    /** The kernels every call uses. */
    static final DistanceKernels KERNELS = new VectorKernels();

    private KernelProvider() {
    }
}
