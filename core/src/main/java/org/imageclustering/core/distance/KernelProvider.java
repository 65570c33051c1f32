package org.imageclustering.core.distance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Chooses, once for the whole library, how its SIMD loops run (as Lucene's
 * {@code VectorizationProvider} does): on SIMD lanes by the incubating Vector API when the JVM was
 * started with {@code --add-modules jdk.incubator.vector}, else by scalar fallbacks, which give the
 * same results more slowly; the choice is logged once, here, with how to enable the module. No
 * Vector API class is loaded unless the module is there: {@link VectorKernels} and the other
 * packages' Vector API classes (the matrix products of {@code core.linalg}, the neighbour screen of
 * {@code core.spectral}) are named only by reflection, after the check, through {@link #choose}.
 *
 * <p>{@code -D}{@value #SCALAR_PROPERTY}{@code =true} forces every scalar fallback (for tests and
 * comparisons).
 */
public final class KernelProvider {
    /** The system property that forces the scalar fallbacks when set to {@code true}. */
    static final String SCALAR_PROPERTY = "imageclustering.distance.scalar";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The advice logged, once, when the module is missing. */
    static final String ENABLE_ADVICE = "The Vector API module " + VECTOR_MODULE + " is not enabled, so the library"
            + " runs its scalar fallbacks (distance kernel, matrix products, neighbour search): the same results,"
            + " several times slower. Enable it with --add-modules " + VECTOR_MODULE + " on the java command line,"
            + " in MAVEN_OPTS, or in .mvn/jvm.config.";
    /** Floats per vector assumed when the module is missing and the JVM does not say (AVX2's 256 bits). */
    private static final int DEFAULT_LANES = 8;

    private static final Logger LOG = LogManager.getLogger(KernelProvider.class);
    /** Whether the boot layer has the Vector API module (it does only with {@code --add-modules}). */
    static final boolean VECTOR_MODULE_PRESENT = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    /** The lane count every layout of the package uses; set before {@link #KERNELS}. */
    static final int LANES;
    /** The kernels every call uses. */
    static final DistanceKernels KERNELS;
    /** Whether the library runs its Vector API code: the module is present, usable, and not forced off. */
    static final boolean VECTOR_API;

    static {
        boolean forced = Boolean.getBoolean(SCALAR_PROPERTY);
        if (VECTOR_MODULE_PRESENT) {
            DistanceKernels vector = newVectorKernels();
            LANES = vector == null ? estimatedLanes() : vector.lanes();
            VECTOR_API = !forced && vector != null;
            KERNELS = VECTOR_API ? vector : new ScalarKernels(LANES);
            if (forced) {
                LOG.info("The library runs its scalar fallbacks ({} lanes emulated): -D{}=true is set",
                        LANES, SCALAR_PROPERTY);
            }
        } else {
            LANES = estimatedLanes();
            VECTOR_API = false;
            KERNELS = new ScalarKernels(LANES);
            LOG.warn(ENABLE_ADVICE);
        }
    }

    private KernelProvider() {
    }

    /**
     * The implementation of {@code api} that the library's one choice picks, for a package outside
     * this one: with the Vector API, a new {@code vectorClass} (the simple name of a class of the
     * caller's package with a no-argument constructor, found through the caller's {@code lookup}, so
     * that it is loaded only now); else {@code scalar} applied to the float lane count to emulate.
     * Callers keep the result in a {@code static final} field, so that the JIT sees one
     * implementation and inlines it.
     */
    public static <T> T choose(MethodHandles.Lookup lookup, Class<T> api, String vectorClass,
                               IntFunction<? extends T> scalar) {
        if (VECTOR_API) {
            String name = lookup.lookupClass().getPackageName() + "." + vectorClass;
            try {
                return api.cast(lookup.findConstructor(lookup.findClass(name), MethodType.methodType(void.class))
                        .invoke());
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.warn("The Vector API module is present but {} could not be used ({}), so it runs its scalar"
                        + " fallback: the same results, several times slower", name, e.toString());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("the constructor of " + name + " threw " + e, e);
            }
        }
        return scalar.apply(LANES);
    }

    /** The Vector API kernels, or null (logged) when the module is present but unusable. */
    private static DistanceKernels newVectorKernels() {
        try {
            return (DistanceKernels) Class.forName(KernelProvider.class.getPackageName() + ".VectorKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("The Vector API module is present but could not be used ({}), so the distance kernel runs its"
                    + " scalar fallback: the same results, several times slower", e.toString());
            return null;
        }
    }

    /**
     * The lane count of the Vector API's preferred float species on this JVM, estimated without
     * the module from HotSpot's flags: the widest vector C2 uses ({@code MaxVectorSize}), limited as
     * the JDK limits its preferred shape on x86 (the byte lanes: 16 bytes below AVX2, 32 on AVX2).
     * {@value #DEFAULT_LANES} when the JVM does not say. The scalar fallback emulates this many
     * lanes, so that it gives the vector kernels' bits on the same machine.
     */
    static int estimatedLanes() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            int bytes = Integer.parseInt(vm.getVMOption("MaxVectorSize").getValue());
            try {
                int avx = Integer.parseInt(vm.getVMOption("UseAVX").getValue());
                bytes = Math.min(bytes, avx < 2 ? 16 : avx == 2 ? 32 : 64);
            } catch (IllegalArgumentException notX86) {
                // no such flag: not x86, MaxVectorSize alone decides
            }
            // the JDK's smallest shape is 64 bits; its largest preferred one here holds 16 floats
            return Math.min(16, Integer.highestOneBit(Math.max(8, bytes)) / Float.BYTES);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no vector width from the JVM ({}); the scalar kernel emulates {} lanes", e, DEFAULT_LANES);
            return DEFAULT_LANES;
        }
    }
}
