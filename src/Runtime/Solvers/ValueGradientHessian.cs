using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Computes f(x), its gradient and its dense Hessian: the shape of a generated <c>{Name}Hessian</c> method. The solver clears
    /// both outputs before each call.
    /// </summary>
    /// <param name="x">The point (read only; valid only during the call).</param>
    /// <param name="gradient">Receives df/dx, length n.</param>
    /// <param name="hessian">Receives the n x n Hessian, row-major (entry [i * n + j] is d²f/dx_i dx_j). The solver reads its lower triangle.</param>
    /// <returns>f(x).</returns>
    public delegate double ValueGradientHessian(ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian);
}
