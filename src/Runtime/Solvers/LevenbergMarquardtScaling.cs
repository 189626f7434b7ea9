namespace SymGrad.Solvers
{
    /// <summary>The damping term <see cref="LevenbergMarquardtSolver"/> adds to JᵀJ.</summary>
    public enum LevenbergMarquardtScaling
    {
        /// <summary>λ diag(JᵀJ) (Marquardt): the step does not depend on the units of each parameter. λ is dimensionless.</summary>
        Marquardt,

        /// <summary>λ I (Levenberg). The first λ is <see cref="LevenbergMarquardtOptions.InitialDamping"/> times the largest diagonal entry of JᵀJ.</summary>
        Identity,
    }
}
