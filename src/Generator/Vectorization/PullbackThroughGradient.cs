using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// A pullback that calls the gradient: for a method whose gradient runs its rows in tiles (<see cref="RowTiling"/>),
/// <c>FPullback</c> checks its outputs as before, computes <c>FGradient</c> into scratch (on the stack up to 64
/// elements, else <c>ScratchPool</c>) and adds seed times it to its outputs (<c>Kernels.AddScaled</c> for spans,
/// <c>d{P} += seed * g</c> for scalars). It returns what the gradient returns: the method's value, bit for bit. Its
/// outputs receive seed times the gradient rounded once, where a pullback differentiated on its own carries the seed
/// through every adjoint.
/// </summary>
internal static class PullbackThroughGradient
{
    /// <summary>Whether the (finished) gradient runs rows in tiles anywhere.</summary>
    public static bool Applies(GradientModel gradient) =>
        CodeWalker.All(gradient.Forward.Concat(gradient.Reverse)).Any(s => s is CodeRowTiles);

    /// <summary>The pullback as a call of the gradient: no statements of its own, the request and method kept.</summary>
    public static GradientModel Model(GradientModel pullback) =>
        new(pullback.Method, EquatableArray<CodeStmt>.Empty, EquatableArray<CodeStmt>.Empty, pullback.Result)
        {
            Request = pullback.Request,
            CallsGradient = true,
        };
}
