package org.imageclustering.core.spectral;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Connected components of an undirected graph given by its neighbour lists, each vertex labelled
 * with its component's number, components numbered in order of their lowest vertex. The sparse
 * graph and the dense affinity matrix differ only in how they list a vertex's neighbours.
 */
final class Components {
    /** Lists the neighbours of a vertex (the vertices it shares an edge of non-zero weight with). */
    @FunctionalInterface
    interface Neighbours {
        void forEach(int vertex, IntConsumer neighbour);
    }

    private Components() {
    }

    /** The component of each of the {@code n} vertices. */
    static int[] label(int n, Neighbours graph) {
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        int[] stack = new int[n];
        int[] top = {0};
        int count = 0;
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            int id = count;
            IntConsumer reach = u -> {
                if (comp[u] < 0) {
                    comp[u] = id;
                    stack[top[0]++] = u;
                }
            };
            reach.accept(s);
            while (top[0] > 0) {
                graph.forEach(stack[--top[0]], reach);
            }
            count++;
        }
        return comp;
    }
}
