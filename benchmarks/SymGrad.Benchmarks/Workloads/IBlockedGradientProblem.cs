using SymGrad.Benchmarks.Gradients.Blocked;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>A workload with a register-blocked hand-written gradient (Gradients/Blocked), the bar the generated code is measured against.</summary>
    public interface IBlockedGradientProblem
    {
        /// <summary>
        /// The register-blocked gradient at <paramref name="width"/>, into the buffer <see cref="GradientProblem.CopyGradient"/>
        /// reads; returns the loss. Its workspace is allocated with the problem, so a call allocates nothing.
        /// </summary>
        double HandBlocked(LaneWidth width);
    }
}
