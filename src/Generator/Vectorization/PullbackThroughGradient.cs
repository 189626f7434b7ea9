using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// A pullback that calls the gradient: for a method whose gradient runs its rows in tiles (<see cref="RowTiling"/>)
/// and reads its differentiated arrays densely, <c>FPullback</c> checks its outputs as before, computes
/// <c>FGradient</c> into scratch (on the stack up to 64 elements, else <c>ScratchPool</c>) and adds seed times it to its
/// outputs (<c>Kernels.AddScaled</c> for spans, <c>d{P} += seed * g</c> for scalars). It returns the gradient's value,
/// bit for bit. Its outputs receive seed times the gradient rounded once, where a pullback differentiated on its own
/// carries the seed through every adjoint.
/// <para>
/// Dense: no differentiated array is read at an index that depends on an <c>int</c> parameter bounding no loop (a
/// selector, such as <c>u</c> in <c>p[u * (n + 1) + j]</c>), directly or through a local computed from one. Such a
/// method may read one slice of a long array, and a call of its gradient would clear and add the whole array each
/// time. And no parameter may be named <c>{F}Gradient</c>, which would hide the method the wrapper calls.
/// </para>
/// </summary>
internal static class PullbackThroughGradient
{
    /// <summary>Whether the (finished) gradient runs rows in tiles (for kernels or row lanes) and its method reads its arrays densely.</summary>
    public static bool Applies(GradientModel gradient)
    {
        MethodModel method = gradient.Method;
        return CodeWalker.All(gradient.Forward.Concat(gradient.Reverse)).Any(s => s is CodeRowTiles)
            && method.Parameters.All(p => NameAllocator.Unescaped(p.Name) != method.Name + "Gradient")
            && !ReadsASlice(method);
    }

    /// <summary>The pullback as a call of the gradient: no statements of its own, the request and method kept.</summary>
    public static GradientModel Model(GradientModel pullback) =>
        new(pullback.Method, EquatableArray<CodeStmt>.Empty, EquatableArray<CodeStmt>.Empty, pullback.Result)
        {
            Request = pullback.Request,
            CallsGradient = true,
        };

    private static bool ReadsASlice(MethodModel method)
    {
        var arrays = new HashSet<string>(method.Parameters.Where(p => p.IsDifferentiated && p.IsArray).Select(p => p.Name));
        List<Stmt> statements = StatementWalker.All(method.Body);
        var bounds = new HashSet<string>();
        foreach (ForStatement loop in statements.OfType<ForStatement>())
        {
            ExprRewriter.AddVariables(loop.Start, bounds);
            ExprRewriter.AddVariables(loop.End, bounds);
        }

        var selectors = new HashSet<string>(method.Parameters.Where(p => p.Kind == ValueKind.Int && !bounds.Contains(p.Name)).Select(p => p.Name));
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (AssignStatement assign in statements.OfType<AssignStatement>())
            {
                if (!selectors.Contains(assign.Target) && ExprRewriter.Variables(assign.Value).Any(selectors.Contains))
                {
                    grew |= selectors.Add(assign.Target);
                }
            }
        }

        return selectors.Count > 0 && statements.SelectMany(StatementWalker.ExpressionsOf).Any(e => ExprRewriter.Contains(
            e, x => x is ElementRead read && arrays.Contains(read.Array) && ExprRewriter.Variables(read.Index).Any(selectors.Contains)));
    }
}
