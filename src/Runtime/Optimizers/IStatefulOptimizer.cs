namespace SymGrad.Optimizers
{
    /// <summary>
    /// An optimizer whose internal state (step count, moment buffers, learning rate) can be captured and restored exactly,
    /// so a restored optimizer continues the same trajectory bit for bit.
    /// </summary>
    public interface IStatefulOptimizer : IOptimizer
    {
        /// <summary>Captures a deep copy of the current state.</summary>
        /// <returns>The state; later steps do not change it.</returns>
        OptimizerState SaveState();

        /// <summary>Replaces the current state with a deep copy of <paramref name="state"/>.</summary>
        /// <param name="state">A state saved from an optimizer of the same kind.</param>
        /// <exception cref="System.ArgumentException">The state belongs to another optimizer kind or its buffers are inconsistent.</exception>
        void LoadState(OptimizerState state);
    }
}
