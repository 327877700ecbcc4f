/**
 * Per-element atomic neural networks, feature scaling and the n2p2 network file formats.
 *
 * <ul>
 *   <li>{@link dev.sieve.nn.Activation}: n2p2 activation letters (l t s p r g c S e h, plus Sieve's leaky ReLU
 *       {@code L}) with f, f', f''.</li>
 *   <li>{@link dev.sieve.nn.Network}: one element's MLP; parameters in one flat array in n2p2 weights-file order, so
 *       the group of input feature g is the contiguous slice {@code [g*n1, g*n1+n1)}. Single-atom kernels
 *       (energy, dE/dx, parameter gradient, gradient of dE/dx·v for force training) on a
 *       {@link dev.sieve.nn.Network.Workspace}; batched kernels (forward, backward, dE/dx) on a
 *       {@link dev.sieve.nn.BatchWorkspace}.</li>
 *   <li>{@link dev.sieve.nn.Scaling}, {@link dev.sieve.nn.ScalingMode}, {@link dev.sieve.nn.FeatureStatistics},
 *       {@link dev.sieve.nn.FeatureStatisticsAccumulator}, {@link dev.sieve.nn.ConstantFeatureException}: feature
 *       scaling with n2p2's formulas.</li>
 *   <li>{@link dev.sieve.nn.ScalingFile} ({@code scaling.data}), {@link dev.sieve.nn.WeightsFile}
 *       ({@code weights.ZZZ.data}), {@link dev.sieve.nn.N2p2NetworkConfig} (network keywords of {@code input.nn}),
 *       {@link dev.sieve.nn.N2p2NetworkModel} (all of it for a potential directory).</li>
 * </ul>
 *
 * <p>Units: with n2p2 normalisation ({@code mean_energy}, {@code conv_energy}, {@code conv_length}) the network output
 * is internal; the physical atomic energy is output / conv_energy and the total energy is
 * sum / conv_energy + N mean_energy (+ atom_energy offsets), see {@link dev.sieve.nn.N2p2NetworkConfig}.
 */
package dev.sieve.nn;
