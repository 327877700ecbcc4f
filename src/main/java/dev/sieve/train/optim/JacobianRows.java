package dev.sieve.train.optim;

/**
 * Per-observation Jacobian rows of the current networks, as a second-order optimizer ({@link KalmanFilter},
 * {@link LevenbergMarquardt}) sees them through {@link Optimizer.Batch#jacobians()}: the derivative of a structure's
 * total network energy, or of one force component on one force atom, with respect to every parameter of every
 * element's network, as one vector (element e's parameters at {@link #offset(int)}). Energies and forces are the
 * networks' (without the subtracted atom energies, like the training targets). The training core implements it on
 * its data ({@code train.NetworkJacobianRows}).
 */
public interface JacobianRows {
    /** Length of a row: all parameters of all elements. */
    int size();

    /** Where element e's parameters start in a row. */
    int offset(int e);

    /** Forward pass of structure k with the current parameters (call again after the parameters change). */
    void load(int k);

    /** Total network energy of the loaded structure. */
    double energy();

    /** d(total network energy)/dp of the loaded structure into {@code row}; returns the energy. */
    double energyRow(double[] row);

    /** Number of force atoms of the loaded structure. */
    int forceAtoms();

    /** Reference force component c of force atom j of the loaded structure. */
    double referenceForce(int j, int c);

    /** Network force component c on force atom j of the loaded structure. */
    double force(int j, int c);

    /** dF_jc/dp of the loaded structure into {@code row}; returns F_jc. */
    double forceRow(int j, int c, double[] row);

    /** Reference total energy of structure k minus its atom energies (the networks' target). */
    double target(int k);

    /** The loss weight of structure k. */
    double weight(int k);

    /** Whether the energy term is per atom (else of the total energy). */
    boolean perAtomEnergy();

    /** Where structure k came from (file and index), for messages. */
    String origin(int k);

    /** The atom count of structure k. */
    int atoms(int k);
}
