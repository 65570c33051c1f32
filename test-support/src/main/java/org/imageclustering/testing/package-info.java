/**
 * Test fixtures every module's tests share, in test scope only: seeded synthetic datasets with known
 * classes ({@link org.imageclustering.testing.SyntheticData}) and a test-only adjusted Rand index
 * ({@link org.imageclustering.testing.AdjustedRand}) for judging a clustering against them. Depends on
 * no module of the project, so that core's tests can use it too.
 */
package org.imageclustering.testing;
