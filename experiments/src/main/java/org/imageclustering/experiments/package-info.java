/**
 * The front door of the experiment runner: {@link org.imageclustering.experiments.Main}, the
 * command line that turns every failure into one message and an exit code, and
 * {@link org.imageclustering.experiments.ExperimentsModule}, the Guice wiring of every loader,
 * algorithm, transform and metric under the name an experiment file uses.
 *
 * <p>Depends on every other package here; none depends on it.
 */
package org.imageclustering.experiments;
