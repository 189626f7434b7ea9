using System;

namespace SymGrad.Solvers
{
    /// <summary>
    /// Computes f(x) and writes its gradient: the shape of a generated <c>{Name}Gradient</c> method over a flat parameter
    /// vector. The solver clears <paramref name="gradient"/> before each call, so an implementation may overwrite or accumulate.
    /// Adapt a generated method with a lambda, for example <c>(w, g) =&gt; Model.LossGradient(w.ToArray(), data, g)</c> when it
    /// takes a <c>double[]</c>, or <c>(w, g) =&gt; Model.LossGradient(w, data, g)</c> when it takes a span.
    /// </summary>
    /// <param name="x">The point (read only; valid only during the call).</param>
    /// <param name="gradient">Receives df/dx, same length as <paramref name="x"/>.</param>
    /// <returns>f(x).</returns>
    public delegate double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
}
