using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Computes the Hessian of f at x times a vector without forming the Hessian: the shape of a generated
    /// <c>{Name}HessianVectorProduct</c> method. The solver clears <paramref name="hessianTimesV"/> before each call and ignores
    /// the returned value (generated methods return f(x) as well).
    /// </summary>
    /// <param name="x">The point (read only; valid only during the call).</param>
    /// <param name="v">The vector, length n.</param>
    /// <param name="hessianTimesV">Receives H(x) v, length n.</param>
    /// <returns>f(x) (unused by the solvers).</returns>
    public delegate double HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hessianTimesV);
}
