namespace SymGrad.Solvers
{
    /// <summary>Settings for <see cref="NewtonSolver"/>. The solver checks them when it is created.</summary>
    public sealed record NewtonOptions
    {
        /// <summary>The maximum number of Newton iterations (accepted steps); positive. Default 100.</summary>
        public int MaxIterations { get; init; } = 100;

        /// <summary>Converged when the Euclidean norm of the gradient is at most this; finite and non-negative. Default 1e-8.</summary>
        public double GradientTolerance { get; init; } = 1e-8;

        /// <summary>The Armijo sufficient-decrease constant c₁: a step of length α is accepted when f(x + αp) ≤ f(x) + c₁ α gᵀp. In (0, 1); default 1e-4.</summary>
        public double ArmijoConstant { get; init; } = 1e-4;

        /// <summary>The factor α shrinks by after a rejected trial; in (0, 1). Default 0.5.</summary>
        public double BacktrackingFactor { get; init; } = 0.5;

        /// <summary>The maximum number of trial points per line search; positive. Default 50.</summary>
        public int MaxLineSearchSteps { get; init; } = 50;

        /// <summary>Dense Cholesky, conjugate gradient, or chosen by size (default <see cref="NewtonMode.Automatic"/>).</summary>
        public NewtonMode Mode { get; init; } = NewtonMode.Automatic;

        /// <summary>In <see cref="NewtonMode.Automatic"/>, when both kinds of delegate are given, the largest n that uses the dense Hessian; positive. Default 500.</summary>
        public int DenseLimit { get; init; } = 500;

        /// <summary>What the dense mode does with a Hessian that is not positive definite (default <see cref="IndefiniteHessianStrategy.Damp"/>).</summary>
        public IndefiniteHessianStrategy IndefiniteHessian { get; init; } = IndefiniteHessianStrategy.Damp;

        /// <summary>The first damping λ tried, relative to the largest |H_ii| (with a floor of 1); finite and positive. Default 1e-3.</summary>
        public double InitialDamping { get; init; } = 1e-3;

        /// <summary>The factor λ grows by until H + λI factors; greater than 1. Default 10.</summary>
        public double DampingIncrease { get; init; } = 10.0;

        /// <summary>The maximum conjugate-gradient iterations per Newton step; null means n. Positive when set.</summary>
        public int? ConjugateGradientMaxIterations { get; init; }

        /// <summary>
        /// The divergence guard, as in <see cref="Training.TrainerOptions.ExplosionFactor"/>: the solver stops when |f| exceeds this
        /// factor times |f| at the start (with a floor of 1), which catches an objective that is unbounded below. Greater than 1
        /// (infinity switches the guard off); default 1e6.
        /// </summary>
        public double ExplosionFactor { get; init; } = 1e6;
    }
}
