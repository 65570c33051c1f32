package org.imageclustering.loader.datasets;

/**
 * Which published version of CIFAR-10 or CIFAR-100 to read: the binary one, the python (pickle) one,
 * or whichever is present. The experiment files spell it {@code auto}, {@code binary}, {@code python}.
 */
public enum CifarFormat {
    /** The binary version when both are present, else the python one. */
    AUTO,
    BINARY,
    PYTHON;

    /** The format named {@code auto}, {@code binary} or {@code python} (the experiment file's spelling). */
    public static CifarFormat fromName(String name) {
        return name.equals("auto") ? AUTO : valueOf(CifarData.Version.parse(name).name());
    }

    /** The version to insist on, or {@code null} for either. */
    CifarData.Version version() {
        return switch (this) {
            case AUTO -> null;
            case BINARY -> CifarData.Version.BINARY;
            case PYTHON -> CifarData.Version.PYTHON;
        };
    }
}
