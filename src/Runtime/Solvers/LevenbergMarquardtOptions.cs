namespace SymGrad.Solvers
{
    /// <summary>Settings for <see cref="LevenbergMarquardtSolver"/>. The solver checks them when it is created.</summary>
    public sealed record LevenbergMarquardtOptions
    {
        /// <summary>The maximum number of iterations (trial steps, accepted or rejected); positive. Default 200.</summary>
        public int MaxIterations { get; init; } = 200;

        /// <summary>Converged when ‖Jᵀr‖ (the gradient of ½‖r‖²) is at most this; finite and non-negative. Default 1e-10.</summary>
        public double GradientTolerance { get; init; } = 1e-10;

        /// <summary>Converged when a step δ has ‖δ‖ ≤ StepTolerance (‖x‖ + StepTolerance); finite and non-negative. Default 1e-10.</summary>
        public double StepTolerance { get; init; } = 1e-10;

        /// <summary>
        /// Converged when an accepted step reduces ½‖r‖² by at most this fraction and the linear model predicted no more (as in
        /// MINPACK's ftol); finite and non-negative. Default 1e-12.
        /// </summary>
        public double RelativeReductionTolerance { get; init; } = 1e-12;

        /// <summary>The first damping λ (see <see cref="Scaling"/> for its units); finite and positive. Default 1e-3.</summary>
        public double InitialDamping { get; init; } = 1e-3;

        /// <summary>λ is multiplied by this after a rejected step; greater than 1. Default 10.</summary>
        public double DampingIncrease { get; init; } = 10.0;

        /// <summary>λ is divided by this after an accepted step; greater than 1. Default 10.</summary>
        public double DampingDecrease { get; init; } = 10.0;

        /// <summary>λ diag(JᵀJ) or λ I (default <see cref="LevenbergMarquardtScaling.Marquardt"/>).</summary>
        public LevenbergMarquardtScaling Scaling { get; init; } = LevenbergMarquardtScaling.Marquardt;
    }
}
