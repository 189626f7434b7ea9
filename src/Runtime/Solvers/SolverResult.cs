using System.Collections.Generic;

namespace SymGrad.Solvers
{
    /// <summary>
    /// The outcome of <see cref="NewtonSolver"/> or <see cref="LevenbergMarquardtSolver"/>. The solvers update x in place and only
    /// ever write accepted points into it, so after any stop reason (including <see cref="SolverStopReason.Diverged"/> and an
    /// exception thrown by the function) x holds the last good point, whose value is <see cref="FinalValue"/>.
    /// </summary>
    public sealed class SolverResult
    {
        internal SolverResult(
            SolverStopReason stopReason,
            string message,
            int iterations,
            double finalValue,
            double finalGradientNorm,
            int evaluations,
            int rejectedSteps,
            int curvatureCorrections,
            IReadOnlyList<double> valueHistory)
        {
            StopReason = stopReason;
            Message = message;
            Iterations = iterations;
            FinalValue = finalValue;
            FinalGradientNorm = finalGradientNorm;
            Evaluations = evaluations;
            RejectedSteps = rejectedSteps;
            CurvatureCorrections = curvatureCorrections;
            ValueHistory = valueHistory;
        }

        /// <summary>True when a convergence test passed.</summary>
        public bool Converged => StopReason == SolverStopReason.Converged;

        /// <summary>Why the solver stopped.</summary>
        public SolverStopReason StopReason { get; }

        /// <summary>A human-readable explanation: the convergence test that passed, or what went wrong and where.</summary>
        public string Message { get; }

        /// <summary>
        /// The iterations run. Newton: accepted steps (each with its line search). Levenberg-Marquardt: trial steps, accepted or
        /// rejected.
        /// </summary>
        public int Iterations { get; }

        /// <summary>The objective at the final x: f for Newton, ½‖r‖² for Levenberg-Marquardt.</summary>
        public double FinalValue { get; }

        /// <summary>The Euclidean norm of the gradient at the final x (Levenberg-Marquardt: of Jᵀr).</summary>
        public double FinalGradientNorm { get; }

        /// <summary>Calls of the function delegate (value and gradient, Hessian, or residuals and Jacobian), the start included; Hessian-vector products are not counted.</summary>
        public int Evaluations { get; }

        /// <summary>Trial points that were not accepted: Newton line-search backtracks, Levenberg-Marquardt steps that did not reduce ½‖r‖².</summary>
        public int RejectedSteps { get; }

        /// <summary>
        /// Newton iterations whose Hessian was not positive definite, so the step was damped, replaced by the gradient direction,
        /// or (conjugate gradient) truncated at negative curvature. Always 0 for Levenberg-Marquardt.
        /// </summary>
        public int CurvatureCorrections { get; }

        /// <summary>The objective at the start (entry 0) and after every iteration (entry k), for plotting loss against iteration.</summary>
        public IReadOnlyList<double> ValueHistory { get; }
    }
}
