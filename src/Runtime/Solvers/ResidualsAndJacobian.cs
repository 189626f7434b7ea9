using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Computes the residual vector r(x) and its Jacobian: the shape of a generated <c>{Name}Jacobian</c> method of a
    /// vector-valued function. The solver clears both outputs before each call.
    /// </summary>
    /// <param name="x">The parameters (read only; valid only during the call), length n.</param>
    /// <param name="residuals">Receives r(x), length m (the residual count given to the solver).</param>
    /// <param name="jacobian">Receives the m x n Jacobian, row-major (entry [i * n + j] is dr_i/dx_j).</param>
    public delegate void ResidualsAndJacobian(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian);
}
