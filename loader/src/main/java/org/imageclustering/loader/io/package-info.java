/**
 * Low-level readers behind the dataset loaders: checked byte reading, SHA-256 provenance, the IDX
 * format, a streaming tar reader, a restricted unpickler for the CIFAR python files, and pixel
 * conversion. Nothing here knows a particular dataset.
 */
package org.imageclustering.loader.io;
