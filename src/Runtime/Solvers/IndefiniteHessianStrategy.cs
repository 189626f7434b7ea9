namespace SymGrad.Solvers
{
    /// <summary>What the dense Newton mode does when the Hessian is not positive definite (the Cholesky factorization fails).</summary>
    public enum IndefiniteHessianStrategy
    {
        /// <summary>
        /// Add λI, starting at <see cref="NewtonOptions.InitialDamping"/> times the largest |H_ii| (or just enough to make every
        /// diagonal entry positive) and multiplying λ by <see cref="NewtonOptions.DampingIncrease"/> until H + λI factors. The
        /// step then lies between the Newton step and the gradient direction.
        /// </summary>
        Damp,

        /// <summary>Take the negative gradient direction, scaled to a length of at most 1, for that iteration.</summary>
        SteepestDescent,
    }
}
