namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>
    /// A workload with a hand-written gradient that puts the rows in the vector lanes (Gradients/RowLanes): the AVX2
    /// machines' bar where it is faster than the register-blocked one (docs/benchmarks.md, "Register-blocked hand-written baselines").
    /// </summary>
    public interface IRowLanesGradientProblem
    {
        /// <summary>
        /// The rows-in-lanes gradient, into the buffer <see cref="GradientProblem.CopyGradient"/> reads; returns the loss.
        /// Its workspace is allocated with the problem, so a call allocates nothing.
        /// </summary>
        double HandRowLanes();
    }
}
