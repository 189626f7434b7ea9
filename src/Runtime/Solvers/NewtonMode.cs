namespace SymGrad.Solvers
{
    /// <summary>How <see cref="NewtonSolver"/> computes its step.</summary>
    public enum NewtonMode
    {
        /// <summary>
        /// Whatever the delegates given allow: the overload with only a <see cref="ValueGradientHessian"/> is dense, the one with a
        /// <see cref="HessianVectorProduct"/> is conjugate gradient, and the one with both is dense when n is at most
        /// <see cref="NewtonOptions.DenseLimit"/> and conjugate gradient above.
        /// </summary>
        Automatic,

        /// <summary>Solve (H + λI) p = -g with a Cholesky factorization of the dense Hessian: O(n²) memory and O(n³) time per iteration.</summary>
        DenseCholesky,

        /// <summary>
        /// Truncated Newton: solve H p = -g approximately by conjugate gradient on Hessian-vector products, O(n) memory. Stops at
        /// negative curvature, which handles a Hessian that is not positive definite.
        /// </summary>
        ConjugateGradient,
    }
}
