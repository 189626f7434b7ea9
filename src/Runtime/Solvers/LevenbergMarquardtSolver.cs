using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Levenberg-Marquardt for nonlinear least squares: minimizes ½‖r(x)‖² by solving (JᵀJ + λD) δ = -Jᵀr with a Cholesky
    /// factorization, accepting δ when it reduces ½‖r‖² (then λ shrinks) and rejecting it otherwise (then λ grows, moving the
    /// step towards a short gradient step). It takes a generated <c>{Name}Jacobian</c> method as a delegate.
    /// </summary>
    /// <remarks>
    /// x is updated in place and only ever holds accepted points, so after any outcome, a <see cref="SolverStopReason.Diverged"/>
    /// one or an exception thrown by the delegate included, it holds the last good point. A trial step whose residuals are
    /// NaN or infinite is rejected like a step that does not reduce ½‖r‖² (so a model that is undefined for some parameters
    /// works); the run is reported as diverged when the trials stay non-finite until the step shrinks below the step tolerance,
    /// or when the Jacobian at an accepted point is not finite. A solver is immutable and may be
    /// used from several threads; each call allocates its workspaces once.
    /// </remarks>
    public sealed partial class LevenbergMarquardtSolver
    {
        /// <summary>Creates a solver.</summary>
        /// <param name="options">The settings; null means the defaults.</param>
        /// <exception cref="ArgumentException">A setting is out of range.</exception>
        public LevenbergMarquardtSolver(LevenbergMarquardtOptions? options = null)
        {
            Options = options ?? new LevenbergMarquardtOptions();
            Validate(Options);
        }

        /// <summary>The settings.</summary>
        public LevenbergMarquardtOptions Options { get; }

        /// <summary>Minimizes ½‖r(x)‖² from <paramref name="x"/>.</summary>
        /// <param name="x">The starting parameters, finite and non-empty; updated in place.</param>
        /// <param name="residualCount">m, the number of residuals the function writes (the Jacobian is m x n); positive.</param>
        /// <param name="function">The residuals and their Jacobian, for example a lambda around a generated <c>{Name}Jacobian</c>.</param>
        /// <returns>The outcome; <see cref="SolverResult.FinalValue"/> is ½‖r‖² and <see cref="SolverResult.FinalGradientNorm"/> is ‖Jᵀr‖.</returns>
        /// <exception cref="ArgumentException">x is empty or not finite, or the residuals or Jacobian are not finite at the starting point.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="residualCount"/> is not positive, or m·n is too large for one array.</exception>
        public SolverResult Minimize(Span<double> x, int residualCount, ResidualsAndJacobian function)
        {
            ArgumentNullException.ThrowIfNull(function);
            if (residualCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(residualCount), residualCount, "The residual count must be positive: it is the length of the residual vector the function writes.");
            }

            SolverChecks.StartingPoint(x);
            if ((long)residualCount * x.Length > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(residualCount), residualCount, $"A {residualCount} x {x.Length} Jacobian does not fit in one array.");
            }

            return Run(x, residualCount, function);
        }

        private static void Validate(LevenbergMarquardtOptions options)
        {
            const string name = nameof(options);
            SolverChecks.Positive(options.MaxIterations, nameof(LevenbergMarquardtOptions.MaxIterations), name);
            SolverChecks.NonNegativeFinite(options.GradientTolerance, nameof(LevenbergMarquardtOptions.GradientTolerance), name);
            SolverChecks.NonNegativeFinite(options.StepTolerance, nameof(LevenbergMarquardtOptions.StepTolerance), name);
            SolverChecks.NonNegativeFinite(options.RelativeReductionTolerance, nameof(LevenbergMarquardtOptions.RelativeReductionTolerance), name);
            SolverChecks.PositiveFinite(options.InitialDamping, nameof(LevenbergMarquardtOptions.InitialDamping), name);
            SolverChecks.GreaterThanOne(options.DampingIncrease, nameof(LevenbergMarquardtOptions.DampingIncrease), name);
            SolverChecks.GreaterThanOne(options.DampingDecrease, nameof(LevenbergMarquardtOptions.DampingDecrease), name);
            SolverChecks.Defined(options.Scaling, nameof(LevenbergMarquardtOptions.Scaling), name);
        }
    }
}
