/** Core's tests' view of the shared test fixtures, with points as a {@code FloatMatrix}. */
package org.imageclustering.core.testing;
