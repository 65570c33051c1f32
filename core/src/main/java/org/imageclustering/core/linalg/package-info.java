/**
 * Dense linear algebra the algorithms and transforms need: single-precision matrix products
 * ({@link org.imageclustering.core.linalg.Gemm}), column moments, a full symmetric eigendecomposition
 * and principal components ({@link org.imageclustering.core.linalg.PrincipalComponents}).
 */
package org.imageclustering.core.linalg;
