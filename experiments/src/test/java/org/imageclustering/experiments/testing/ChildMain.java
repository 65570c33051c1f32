package org.imageclustering.experiments.testing;

import java.util.Properties;
import org.imageclustering.experiments.ExperimentsModule;
import org.imageclustering.experiments.Main;

/** {@link Main} with the in-test components, for tests that run the command line in a child JVM. */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        System.exit(Main.run(props, false, System.out, System.err, new ExperimentsModule(), new TestComponents()));
    }
}
