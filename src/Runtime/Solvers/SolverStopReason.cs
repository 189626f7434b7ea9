namespace SymGrad.Solvers
{
    /// <summary>Why a solver stopped.</summary>
    public enum SolverStopReason
    {
        /// <summary>A convergence test passed (<see cref="SolverResult.Message"/> says which one).</summary>
        Converged,

        /// <summary>The iteration limit was reached before any convergence test passed.</summary>
        MaxIterations,

        /// <summary>
        /// The function produced a NaN or infinite value, gradient, Hessian, residual or Jacobian, or its value exploded past the
        /// explosion limit; x holds the last good point.
        /// </summary>
        Diverged,

        /// <summary>The Newton line search found no point that decreases f enough along the step.</summary>
        LineSearchFailed,

        /// <summary>The solver could not make progress: the accepted step no longer changes x in floating point.</summary>
        NoProgress,
    }
}
