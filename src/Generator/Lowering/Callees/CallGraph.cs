using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering.Callees;

/// <summary>
/// Questions about the <c>[Differentiable]</c> methods of one compilation that a call site asks:
/// whether a callee can reach the caller again (recursion, direct or mutual, stays SYMGRAD0013), and
/// whether a callee's own gradient can be generated (otherwise its pullback would not exist and the
/// caller's generated code would not compile). Answers are cached per compilation.
/// </summary>
internal static class CallGraph
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(IMethodSymbol, bool), LoweringResult>> Models = new();
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]>> Callees = new();

    /// <summary>Callees being checked on this thread: a cycle among them is recursion, reported at the call that closes it.</summary>
    [System.ThreadStatic]
    private static HashSet<IMethodSymbol>? inProgress;

    /// <summary>Whether <paramref name="callee"/> calls <paramref name="caller"/>, directly or through other <c>[Differentiable]</c> methods of the compilation.</summary>
    public static bool Reaches(IMethodSymbol callee, IMethodSymbol caller, Compilation compilation, CancellationToken cancellationToken)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IMethodSymbol>();
        pending.Push(callee.OriginalDefinition);
        while (pending.Count > 0)
        {
            IMethodSymbol current = pending.Pop();
            if (!visited.Add(current))
            {
                continue;
            }

            foreach (IMethodSymbol next in CalleesOf(current, compilation, cancellationToken))
            {
                if (SymbolEqualityComparer.Default.Equals(next, caller.OriginalDefinition))
                {
                    return true;
                }

                if (IsDifferentiable(next))
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>Whether the gradient (and so the pullback) of a <c>[Differentiable]</c> method of this compilation is generated.</summary>
    public static bool GradientIsGenerated(IMethodSymbol callee, Compilation compilation, CancellationToken cancellationToken) =>
        Lowered(callee, compilation, cancellationToken) is not null;

    /// <summary>
    /// The model of a <c>[Differentiable]</c> method of this compilation, lowered once per compilation
    /// (and per inlining setting); null when its gradient cannot be generated or it is part of a cycle.
    /// Call sites ask whether its pullback exists, and inlining reads its body.
    /// </summary>
    public static MethodModel? Lowered(IMethodSymbol callee, Compilation compilation, CancellationToken cancellationToken)
    {
        callee = callee.OriginalDefinition;
        ConcurrentDictionary<(IMethodSymbol, bool), LoweringResult> cache = CacheOf(compilation);
        (IMethodSymbol, bool) key = (callee, BodyLowerer.InliningDisabled);
        if (cache.TryGetValue(key, out LoweringResult? known))
        {
            return known.Model;
        }

        inProgress ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(callee))
        {
            return null; // a cycle: reported as recursion at the call
        }

        try
        {
            MethodDeclarationSyntax? syntax = DeclarationWithBody(callee, cancellationToken);
            if (syntax is null)
            {
                return null;
            }

            SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
            AttributeData? attribute = callee.GetAttributes().FirstOrDefault(a => AttributeMatch.Is(a, DifferentiableGenerator.DifferentiableAttributeName));
            LoweringResult lowered = MethodLowerer.LowerMethod(callee, syntax, model, attribute, cancellationToken);
            cache[key] = lowered;
            return lowered.Model;
        }
        finally
        {
            inProgress.Remove(callee);
        }
    }

    /// <summary>
    /// The lowering of a <c>[Differentiable]</c> declaration for its own gradient, shared with the call sites of this
    /// compilation that ask for the same method (<see cref="Lowered"/>): each is lowered once, not once for itself and
    /// once more for its callers (lowering asks the compiler for the method's diagnostics and its operations, the
    /// larger part of the generator's time). Only for the declaration call sites read (the one with a body), and
    /// marked in progress while it is lowered, as a callee is, so the result is the one a call site would compute.
    /// </summary>
    public static LoweringResult LowerShared(IMethodSymbol method, SyntaxNode declaration, Compilation compilation, System.Func<LoweringResult> lower, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (DeclarationWithBody(method, cancellationToken) != declaration)
        {
            return lower();
        }

        ConcurrentDictionary<(IMethodSymbol, bool), LoweringResult> cache = CacheOf(compilation);
        (IMethodSymbol, bool) key = (method, BodyLowerer.InliningDisabled);
        if (cache.TryGetValue(key, out LoweringResult? known))
        {
            return known;
        }

        inProgress ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!inProgress.Add(method))
        {
            return lower();
        }

        try
        {
            LoweringResult lowered = lower();
            cache[key] = lowered;
            return lowered;
        }
        finally
        {
            inProgress.Remove(method);
        }
    }

    private static ConcurrentDictionary<(IMethodSymbol, bool), LoweringResult> CacheOf(Compilation compilation) =>
        Models.GetValue(compilation, _ => new ConcurrentDictionary<(IMethodSymbol, bool), LoweringResult>(new CalleeKeyComparer()));

    private static MethodDeclarationSyntax? DeclarationWithBody(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Body is not null || m.ExpressionBody is not null);

    public static bool IsDifferentiable(IMethodSymbol method) =>
        method.GetAttributes().Any(a => AttributeMatch.Is(a, DifferentiableGenerator.DifferentiableAttributeName));

    private static IEnumerable<IMethodSymbol> CalleesOf(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken) =>
        Callees.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]>(SymbolEqualityComparer.Default))
            .GetOrAdd(method, m => ReadCallees(m, compilation, cancellationToken).ToArray());

    private static IEnumerable<IMethodSymbol> ReadCallees(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(cancellationToken);
            SemanticModel model = compilation.GetSemanticModel(node.SyntaxTree);
            foreach (InvocationExpressionSyntax invocation in node.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target)
                {
                    yield return target.OriginalDefinition;
                }
            }
        }
    }

    private sealed class CalleeKeyComparer : IEqualityComparer<(IMethodSymbol Method, bool Flag)>
    {
        public bool Equals((IMethodSymbol Method, bool Flag) x, (IMethodSymbol Method, bool Flag) y) =>
            x.Flag == y.Flag && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

        public int GetHashCode((IMethodSymbol Method, bool Flag) key) => SymbolEqualityComparer.Default.GetHashCode(key.Method) * 2 + (key.Flag ? 1 : 0);
    }
}
