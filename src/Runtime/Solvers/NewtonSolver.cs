using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Damped Newton's method with an Armijo backtracking line search, for smooth unconstrained minimization. It takes the
    /// generated second-order methods as delegates: <c>{Name}Hessian</c> (dense Cholesky) or <c>{Name}Gradient</c> with
    /// <c>{Name}HessianVectorProduct</c> (truncated Newton by conjugate gradient, for large n).
    /// </summary>
    /// <remarks>
    /// x is updated in place and only ever holds accepted points, so after any outcome, a <see cref="SolverStopReason.Diverged"/>
    /// one or an exception thrown by a delegate included, it holds the last good point. A trial point whose value is NaN or
    /// infinite is treated as a step too long (the line search backtracks, so a function that is undefined outside its domain
    /// works); the run is reported as diverged when every remaining trial is non-finite, when the gradient or Hessian at an
    /// accepted point is not finite, or when |f| exceeds <see cref="NewtonOptions.ExplosionFactor"/> times its starting value.
    /// A solver is immutable and may be used from several threads; each call allocates its workspaces once.
    /// </remarks>
    public sealed partial class NewtonSolver
    {
        /// <summary>Creates a solver.</summary>
        /// <param name="options">The settings; null means the defaults.</param>
        /// <exception cref="ArgumentException">A setting is out of range.</exception>
        public NewtonSolver(NewtonOptions? options = null)
        {
            Options = options ?? new NewtonOptions();
            Validate(Options);
        }

        /// <summary>The settings.</summary>
        public NewtonOptions Options { get; }

        /// <summary>Minimizes f from <paramref name="x"/> with dense Newton steps.</summary>
        /// <param name="x">The starting point, finite and non-empty; updated in place.</param>
        /// <param name="function">f, its gradient and its Hessian, for example a lambda around a generated <c>{Name}Hessian</c>.</param>
        /// <returns>The outcome.</returns>
        /// <exception cref="ArgumentException">
        /// <see cref="NewtonOptions.Mode"/> is <see cref="NewtonMode.ConjugateGradient"/>, x is empty or not finite, or the function
        /// returns a non-finite value, gradient or Hessian at the starting point.
        /// </exception>
        public SolverResult Minimize(Span<double> x, ValueGradientHessian function)
        {
            ArgumentNullException.ThrowIfNull(function);
            if (Options.Mode == NewtonMode.ConjugateGradient)
            {
                throw new ArgumentException(
                    "Mode is ConjugateGradient, which needs Hessian-vector products: call Minimize(x, valueAndGradient, hessianVectorProduct).",
                    nameof(function));
            }

            SolverChecks.StartingPoint(x);
            return Run(x, new DenseNewtonStepper(function, Options, x.Length), "dense", nameof(function));
        }

        /// <summary>Minimizes f from <paramref name="x"/> with truncated Newton steps (conjugate gradient on Hessian-vector products).</summary>
        /// <param name="x">The starting point, finite and non-empty; updated in place.</param>
        /// <param name="function">f and its gradient, for example a lambda around a generated <c>{Name}Gradient</c>.</param>
        /// <param name="hessianVectorProduct">H(x) v, for example a lambda around a generated <c>{Name}HessianVectorProduct</c>.</param>
        /// <returns>The outcome.</returns>
        /// <exception cref="ArgumentException">
        /// <see cref="NewtonOptions.Mode"/> is <see cref="NewtonMode.DenseCholesky"/>, x is empty or not finite, or the function
        /// returns a non-finite value or gradient at the starting point.
        /// </exception>
        public SolverResult Minimize(Span<double> x, ValueAndGradient function, HessianVectorProduct hessianVectorProduct)
        {
            ArgumentNullException.ThrowIfNull(function);
            ArgumentNullException.ThrowIfNull(hessianVectorProduct);
            if (Options.Mode == NewtonMode.DenseCholesky)
            {
                throw new ArgumentException(
                    "Mode is DenseCholesky, which needs the dense Hessian: call Minimize(x, valueGradientHessian).",
                    nameof(hessianVectorProduct));
            }

            SolverChecks.StartingPoint(x);
            return Run(x, new ConjugateGradientNewtonStepper(function, hessianVectorProduct, Options, x.Length), "conjugate-gradient", nameof(function));
        }

        /// <summary>
        /// Minimizes f from <paramref name="x"/>, choosing the mode by size: in <see cref="NewtonMode.Automatic"/>, dense Newton steps
        /// when n is at most <see cref="NewtonOptions.DenseLimit"/>, conjugate gradient above.
        /// </summary>
        /// <param name="x">The starting point, finite and non-empty; updated in place.</param>
        /// <param name="function">f and its gradient (used by the conjugate-gradient mode).</param>
        /// <param name="hessianVectorProduct">H(x) v (used by the conjugate-gradient mode).</param>
        /// <param name="valueGradientHessian">f, its gradient and its Hessian (used by the dense mode).</param>
        /// <returns>The outcome.</returns>
        /// <exception cref="ArgumentException">x is empty or not finite, or the function's outputs are not finite at the starting point.</exception>
        public SolverResult Minimize(Span<double> x, ValueAndGradient function, HessianVectorProduct hessianVectorProduct, ValueGradientHessian valueGradientHessian)
        {
            ArgumentNullException.ThrowIfNull(function);
            ArgumentNullException.ThrowIfNull(hessianVectorProduct);
            ArgumentNullException.ThrowIfNull(valueGradientHessian);
            SolverChecks.StartingPoint(x);
            bool dense = Options.Mode == NewtonMode.DenseCholesky || (Options.Mode == NewtonMode.Automatic && x.Length <= Options.DenseLimit);
            return dense
                ? Run(x, new DenseNewtonStepper(valueGradientHessian, Options, x.Length), "dense", nameof(valueGradientHessian))
                : Run(x, new ConjugateGradientNewtonStepper(function, hessianVectorProduct, Options, x.Length), "conjugate-gradient", nameof(function));
        }

        private static void Validate(NewtonOptions options)
        {
            const string name = nameof(options);
            SolverChecks.Positive(options.MaxIterations, nameof(NewtonOptions.MaxIterations), name);
            SolverChecks.NonNegativeFinite(options.GradientTolerance, nameof(NewtonOptions.GradientTolerance), name);
            SolverChecks.OpenUnitInterval(options.ArmijoConstant, nameof(NewtonOptions.ArmijoConstant), name);
            SolverChecks.OpenUnitInterval(options.BacktrackingFactor, nameof(NewtonOptions.BacktrackingFactor), name);
            SolverChecks.Positive(options.MaxLineSearchSteps, nameof(NewtonOptions.MaxLineSearchSteps), name);
            SolverChecks.Defined(options.Mode, nameof(NewtonOptions.Mode), name);
            SolverChecks.Positive(options.DenseLimit, nameof(NewtonOptions.DenseLimit), name);
            SolverChecks.Defined(options.IndefiniteHessian, nameof(NewtonOptions.IndefiniteHessian), name);
            SolverChecks.PositiveFinite(options.InitialDamping, nameof(NewtonOptions.InitialDamping), name);
            SolverChecks.GreaterThanOne(options.DampingIncrease, nameof(NewtonOptions.DampingIncrease), name);
            if (options.ConjugateGradientMaxIterations is int cg)
            {
                SolverChecks.Positive(cg, nameof(NewtonOptions.ConjugateGradientMaxIterations), name);
            }

            // As in TrainerOptions, infinity is allowed and switches the explosion guard off.
            if (double.IsNaN(options.ExplosionFactor) || options.ExplosionFactor <= 1.0)
            {
                throw new ArgumentException($"ExplosionFactor must be greater than 1, not {VectorOps.Format(options.ExplosionFactor)}.", name);
            }
        }
    }
}
