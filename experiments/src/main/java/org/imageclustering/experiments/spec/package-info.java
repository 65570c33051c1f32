/**
 * The experiment file: YAML read into a validated, immutable
 * {@link org.imageclustering.experiments.spec.ExperimentSpec}, with the file's locations for
 * messages ("line 7, algorithms[1].k: ..."), command-line overrides, and the defaults in one place.
 *
 * <p>Depends on no other package of this module.
 */
package org.imageclustering.experiments.spec;
