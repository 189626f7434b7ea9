using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// The plan for a fused loop: the accumulator, the scratch arrays, and (filled while the iteration's
/// reverse code is generated) the partial-gradient accumulators of the outer values it reads.
/// </summary>
internal sealed class FusionPlan
{
    public FusionPlan(ForStatement loop, string accumulator, HashSet<string> bodyNames)
    {
        Loop = loop;
        Accumulator = accumulator;
        BodyNames = bodyNames;
    }

    public ForStatement Loop { get; }

    /// <summary>Arrays written inside the loop (scratch: rewritten every iteration, so never restored).</summary>
    public HashSet<string> Scratch { get; } = new();

    /// <summary>The carried variable the loop adds into.</summary>
    public string Accumulator { get; }

    /// <summary>Every scalar the loop body defines (its iteration-level and nested names).</summary>
    public HashSet<string> BodyNames { get; }

    /// <summary>Outer scalar → its partial-gradient accumulator <c>g</c>, in order of first use.</summary>
    public List<(string Outer, string Accumulator)> Scalars { get; } = new();

    /// <summary>Outer array → its partial-gradient buffer (the gradient output itself when <c>Direct</c>).</summary>
    public List<(string Outer, string Buffer, bool Direct)> Arrays { get; } = new();

    /// <summary>The reverse code of one iteration, seeded with d(term) = 1; runs inside the forward loop.</summary>
    public List<CodeStmt> IterationReverse { get; set; } = new();
}

/// <summary>
/// Decides which top-level loops are fused: their only active carried scalar is an additive
/// accumulator, and every array they write that carries derivatives is scratch (used only inside
/// the loop, first accessed there by a write, at indices that do not depend on the loop's counter),
/// so iterations are independent and d(sum) = sum of d(terms).
/// </summary>
internal static class LoopFusion
{
    public static FusionPlan? Analyze(ForStatement loop, IReadOnlyList<Stmt> topLevel, ISet<string> active)
    {
        List<string> carried = loop.Carried.Where(active.Contains).ToList();
        if (carried.Count != 1 || loop.Body.Count < 2)
        {
            return null;
        }

        string accumulator = carried[0];
        if (loop.Body[0] is not AssignStatement { Value: Variable { Name: var source } } start || source != accumulator
            || loop.Body[loop.Body.Count - 1] is not AssignStatement { Target: var backEdgeTarget, Value: Variable backEdgeSource } || backEdgeTarget != accumulator)
        {
            return null;
        }

        var versions = new HashSet<string> { start.Target };
        List<Stmt> inner = loop.Body.Skip(1).Take(loop.Body.Count - 2).ToList();
        if (!IsAdditiveChain(inner, versions) || !versions.Contains(backEdgeSource.Name))
        {
            return null;
        }

        var bodyNames = new HashSet<string>();
        CollectDefinitions(loop.Body, bodyNames);
        var plan = new FusionPlan(loop, accumulator, bodyNames);
        foreach (string array in WrittenArrays(loop.Body).Where(active.Contains).Distinct())
        {
            if (!IsScratch(array, loop, topLevel))
            {
                return null;
            }

            plan.Scratch.Add(array);
        }

        return plan;
    }

    /// <summary>
    /// Whether a carried variable only accumulates (each iteration adds terms that do not read it):
    /// then its adjoint is the same in every iteration, and the reverse loop need not hand it on.
    /// </summary>
    public static bool IsAccumulator(ForStatement loop, string carried)
    {
        AssignStatement? start = loop.Body.OfType<AssignStatement>().FirstOrDefault(a => a.Value is Variable v && v.Name == carried);
        AssignStatement? backEdge = loop.Body.OfType<AssignStatement>().LastOrDefault(a => a.Target == carried);
        if (start is null || backEdge is null || backEdge.Value is not Variable last)
        {
            return false;
        }

        var versions = new HashSet<string> { start.Target };
        List<Stmt> inner = loop.Body.Where(s => !ReferenceEquals(s, start) && !ReferenceEquals(s, backEdge)).ToList();
        return IsAdditiveChain(inner, versions) && versions.Contains(last.Name);
    }

    /// <summary>Every statement that reads a version is a copy or adds a term that reads no version; nothing else reads one.</summary>
    private static bool IsAdditiveChain(IEnumerable<Stmt> block, HashSet<string> versions)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign when ReadsVersion(assign.Value, versions):
                    if (!IsCopyOrAddition(assign.Value, versions))
                    {
                        return false;
                    }

                    versions.Add(assign.Target);
                    break;
                case AssignStatement:
                    break;
                case IfStatement branch:
                    if (ReadsVersion(branch.Condition, versions) || !IsAdditiveChain(branch.Then, versions) || !IsAdditiveChain(branch.Else, versions))
                    {
                        return false;
                    }

                    break;
                case ForStatement loop:
                    if (ReadsVersion(loop.Start, versions) || ReadsVersion(loop.End, versions) || !IsAdditiveChain(loop.Body, versions))
                    {
                        return false;
                    }

                    break;
                case ElementAssignStatement element:
                    if (ReadsVersion(element.Index, versions) || ReadsVersion(element.Value, versions))
                    {
                        return false;
                    }

                    break;
                case ArrayDeclareStatement declare when ReadsVersion(declare.Length, versions):
                    return false;
            }
        }

        return true;
    }

    private static bool IsCopyOrAddition(Expr value, HashSet<string> versions) => value switch
    {
        Variable v => versions.Contains(v.Name),
        Binary { Operator: BinaryOperator.Add, Left: Variable l } b when versions.Contains(l.Name) => !ReadsVersion(b.Right, versions),
        Binary { Operator: BinaryOperator.Add, Right: Variable r } b when versions.Contains(r.Name) => !ReadsVersion(b.Left, versions),
        Binary { Operator: BinaryOperator.Subtract, Left: Variable l } b when versions.Contains(l.Name) => !ReadsVersion(b.Right, versions),
        _ => false,
    };

    private static bool ReadsVersion(Expr expr, HashSet<string> versions) => ExprRewriter.Variables(expr).Any(versions.Contains);

    private static bool IsScratch(string array, ForStatement loop, IReadOnlyList<Stmt> topLevel)
    {
        foreach (Stmt statement in topLevel)
        {
            if (!ReferenceEquals(statement, loop) && statement is not ArrayDeclareStatement && References(statement, array))
            {
                return false;
            }
        }

        bool? firstIsWrite = FirstAccessIsWrite(loop.Body, array);
        return firstIsWrite == true && !WriteIndexUsesCounter(loop.Body, array, loop.Counter);
    }

    private static bool? FirstAccessIsWrite(IReadOnlyList<Stmt> block, string array)
    {
        for (int i = 0; i < block.Count; i++)
        {
            Stmt statement = block[i];
            if (statement is AssignStatement save && i + 1 < block.Count && block[i + 1] is ElementAssignStatement { Saved: var saved } && saved == save.Target)
            {
                // The old element saved for the reverse sweep belongs to the write that follows.
                continue;
            }

            switch (statement)
            {
                case ElementAssignStatement element when element.Array == array:
                    return !ExprRewriter.VariablesAndArrays(element.Value).Contains(array) && !ExprRewriter.VariablesAndArrays(element.Index).Contains(array);
                case ForStatement inner:
                    if (FirstAccessIsWrite(inner.Body, array) is bool nested)
                    {
                        return nested;
                    }

                    break;
                default:
                    if (References(statement, array))
                    {
                        return false;
                    }

                    break;
            }
        }

        return null;
    }

    private static bool WriteIndexUsesCounter(IEnumerable<Stmt> block, string array, string counter) => block.Any(statement => statement switch
    {
        ElementAssignStatement element => element.Array == array && ExprRewriter.Variables(element.Index).Contains(counter),
        IfStatement branch => WriteIndexUsesCounter(branch.Then, array, counter) || WriteIndexUsesCounter(branch.Else, array, counter),
        ForStatement inner => WriteIndexUsesCounter(inner.Body, array, counter),
        _ => false,
    });

    internal static bool References(Stmt statement, string name) => statement switch
    {
        AssignStatement a => a.Target == name || ExprRewriter.VariablesAndArrays(a.Value).Contains(name),
        ElementAssignStatement e => e.Array == name || ExprRewriter.VariablesAndArrays(e.Index).Contains(name) || ExprRewriter.VariablesAndArrays(e.Value).Contains(name),
        IfStatement i => ExprRewriter.VariablesAndArrays(i.Condition).Contains(name) || i.Then.Any(s => References(s, name)) || i.Else.Any(s => References(s, name)),
        ForStatement f => ExprRewriter.VariablesAndArrays(f.Start).Contains(name) || ExprRewriter.VariablesAndArrays(f.End).Contains(name) || f.Body.Any(s => References(s, name)),
        ArrayDeclareStatement d => d.Name == name || ExprRewriter.VariablesAndArrays(d.Length).Contains(name),
        ReturnStatement r => ExprRewriter.VariablesAndArrays(r.Value).Contains(name),
        _ => false,
    };

    private static IEnumerable<string> WrittenArrays(IEnumerable<Stmt> block)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case ElementAssignStatement element:
                    yield return element.Array;
                    break;
                case IfStatement branch:
                    foreach (string name in WrittenArrays(branch.Then).Concat(WrittenArrays(branch.Else)))
                    {
                        yield return name;
                    }

                    break;
                case ForStatement inner:
                    foreach (string name in WrittenArrays(inner.Body))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }

    internal static void CollectDefinitions(IEnumerable<Stmt> block, HashSet<string> into)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign:
                    into.Add(assign.Target);
                    break;
                case IfStatement branch:
                    CollectDefinitions(branch.Then, into);
                    CollectDefinitions(branch.Else, into);
                    break;
                case ForStatement inner:
                    into.Add(inner.Counter);
                    CollectDefinitions(inner.Body, into);
                    break;
            }
        }
    }
}
