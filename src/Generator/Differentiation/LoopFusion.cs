using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Decides which top-level loops are fused: their only active carried scalar is an additive
/// accumulator, and every array they write that carries derivatives is scratch (used only inside
/// the loop, first accessed there by a write, at indices that do not depend on the loop's counter),
/// so iterations are independent and d(sum) = sum of d(terms).
/// </summary>
internal static class LoopFusion
{
    public static FusedLoop? Analyze(ForStatement loop, IReadOnlyList<Stmt> topLevel, ISet<string> active)
    {
        List<string> carried = loop.Carried.Where(active.Contains).ToList();
        if (carried.Count != 1 || loop.Body.Count < 2)
        {
            return null;
        }

        string accumulator = carried[0];
        if (!IsAccumulator(loop, accumulator))
        {
            return null;
        }

        var scratch = new List<string>();
        var writtenOnce = new List<string>();
        foreach (string array in StatementWalker.WrittenArrays(loop.Body).Distinct())
        {
            if (!IsScratch(array, loop, topLevel))
            {
                return null;
            }

            scratch.Add(array);
            if (IsWrittenOncePerElement(loop.Body, array))
            {
                writtenOnce.Add(array);
            }
        }

        return new FusedLoop(accumulator, scratch.ToEquatableArray(), writtenOnce.ToEquatableArray(), DefinitionsIn(loop.Body).Distinct().ToEquatableArray());
    }

    /// <summary>
    /// Whether a carried variable only accumulates (each iteration adds terms that do not read it):
    /// then its adjoint is the same in every iteration, and the reverse loop need not hand it on.
    /// </summary>
    public static bool IsAccumulator(ForStatement loop, string carried)
    {
        (AssignStatement? start, AssignStatement? backEdge) = StartAndBackEdge(loop, carried);
        if (start is null || backEdge is null || backEdge.Value is not Variable last)
        {
            return false;
        }

        var versions = new HashSet<string> { start.Target };
        List<Stmt> inner = loop.Body.Where(s => !ReferenceEquals(s, start) && !ReferenceEquals(s, backEdge)).ToList();
        return IsAdditiveChain(inner, versions) && versions.Contains(last.Name) && !EscapesThroughOtherCarried(loop, carried, versions);
    }

    /// <summary>
    /// Whether a version is copied into another carried variable (<c>last = s</c>, or the result of a
    /// <c>return</c> inside the loop): then it reaches the next iteration, or the code after the loop,
    /// other than through the accumulator, and the accumulator's adjoint differs between iterations.
    /// </summary>
    private static bool EscapesThroughOtherCarried(ForStatement loop, string carried, HashSet<string> versions) =>
        loop.Carried.Where(c => c != carried).Any(c => StartAndBackEdge(loop, c).BackEdge?.Value is Variable v && versions.Contains(v.Name));

    /// <summary>
    /// The versions of the accumulator (names reachable from <paramref name="versions"/> through copies
    /// and additions, in any branch or nested loop) are assigned only by copies or additions of a
    /// term that reads no version, and nothing else reads them.
    /// </summary>
    private static bool IsAdditiveChain(IReadOnlyList<Stmt> block, HashSet<string> versions)
    {
        List<AssignStatement> assignments = AllAssignments(block).ToList();
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (AssignStatement assign in assignments)
            {
                if (!versions.Contains(assign.Target) && IsCopyOrAddition(assign.Value, versions))
                {
                    versions.Add(assign.Target);
                    grew = true;
                }
            }
        }

        return assignments.All(a => versions.Contains(a.Target) ? IsCopyOrAddition(a.Value, versions) : !ReadsVersion(a.Value, versions))
            && !OtherStatementsRead(block, versions);
    }

    private static IEnumerable<AssignStatement> AllAssignments(IEnumerable<Stmt> block) => StatementWalker.All(block).OfType<AssignStatement>();

    /// <summary>Whether a condition, a loop bound, an element write or an array length reads a version.</summary>
    private static bool OtherStatementsRead(IEnumerable<Stmt> block, HashSet<string> versions) => StatementWalker.All(block).Any(statement => statement switch
    {
        IfStatement i => ReadsVersion(i.Condition, versions),
        ForStatement f => ReadsVersion(f.Start, versions) || ReadsVersion(f.End, versions) || (f.Exit is not null && ReadsVersion(f.Exit, versions)),
        ElementAssignStatement e => ReadsVersion(e.Index, versions) || ReadsVersion(e.Value, versions),
        ArrayDeclareStatement d => ReadsVersion(d.Length, versions),
        _ => false,
    });

    /// <summary>A carried variable's copy at the top of the body (<c>start = carried</c>) and its back edge (<c>carried = last</c>).</summary>
    public static (AssignStatement? Start, AssignStatement? BackEdge) StartAndBackEdge(ForStatement loop, string carried) =>
        (loop.Body.OfType<AssignStatement>().FirstOrDefault(a => a.Value is Variable v && v.Name == carried),
         loop.Body.OfType<AssignStatement>().LastOrDefault(a => a.Target == carried));

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

        Expr? length = topLevel.OfType<ArrayDeclareStatement>().FirstOrDefault(d => d.Name == array)?.Length;
        return !WriteIndexUsesCounter(loop.Body, array, CounterDerived(loop)) && ReadsAreCovered(loop.Body, array, length, new ScratchState());
    }

    /// <summary>
    /// Whether every read of <paramref name="array"/> in one run of <paramref name="body"/> reads an element
    /// the run wrote before (see <see cref="ReadsAreCovered"/>): then the run's values of the array depend
    /// on what it reads from elsewhere only.
    /// </summary>
    internal static bool IsWrittenBeforeRead(IReadOnlyList<Stmt> body, string array, Expr? length) => ReadsAreCovered(body, array, length, new ScratchState());

    /// <summary>What one iteration has written of a scratch array so far.</summary>
    private sealed class ScratchState
    {
        public bool Full { get; set; }

        public HashSet<Expr> Indices { get; } = new();

        public ScratchState Copy()
        {
            var copy = new ScratchState { Full = Full };
            copy.Indices.UnionWith(Indices);
            return copy;
        }
    }

    /// <summary>
    /// Every read of the array in one iteration reads an element this iteration wrote before: either
    /// at the same index, or after a loop that wrote every element (counter from 0 to the array's
    /// length, writing at the counter). Otherwise a value from an earlier iteration could be read and
    /// the iterations would depend on each other.
    /// </summary>
    private static bool ReadsAreCovered(IReadOnlyList<Stmt> block, string array, Expr? length, ScratchState state)
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
                    if (!ReadsCovered(element.Value, array, state) || !ReadsCovered(element.Index, array, state))
                    {
                        return false;
                    }

                    state.Indices.Add(element.Index);
                    break;
                case ForStatement inner:
                    if (!ReadsCovered(inner.Start, array, state) || !ReadsCovered(inner.End, array, state) || !ReadsAreCovered(inner.Body, array, length, state.Copy()))
                    {
                        return false;
                    }

                    if (WritesEveryElement(inner, array, length))
                    {
                        state.Full = true;
                    }

                    break;
                case IfStatement branch:
                    if (!ReadsCovered(branch.Condition, array, state) || !ReadsAreCovered(branch.Then, array, length, state.Copy()) || !ReadsAreCovered(branch.Else, array, length, state.Copy()))
                    {
                        return false;
                    }

                    break;
                case AssignStatement assign when !ReadsCovered(assign.Value, array, state):
                    return false;
                case ArrayDeclareStatement declare when !ReadsCovered(declare.Length, array, state):
                    return false;
                case LengthCheckStatement:
                    break;
                case ElementAssignStatement other when !ReadsCovered(other.Value, array, state) || !ReadsCovered(other.Index, array, state):
                    return false;
            }
        }

        return true;
    }

    private static bool ReadsCovered(Expr expr, string array, ScratchState state)
    {
        if (state.Full)
        {
            return true;
        }

        switch (expr)
        {
            case ElementRead read when read.Array == array:
                return state.Indices.Contains(read.Index) && ReadsCovered(read.Index, array, state);
            case VectorCall call when call.First == array || call.Second == array:
                return false;
            case ArrayArgument argument when argument.Array == array:
                return false;
            case LengthOf:
                return true;
            default:
                return ChildrenOf(expr).All(child => ReadsCovered(child, array, state));
        }
    }

    private static IEnumerable<Expr> ChildrenOf(Expr expr) => expr switch
    {
        Unary u => new[] { u.Operand },
        Binary b => new[] { b.Left, b.Right },
        Call c => c.Second is null ? new[] { c.First } : new[] { c.First, c.Second },
        IntCall c => c.Second is null ? new[] { c.First } : new[] { c.First, c.Second },
        UserCall u => u.Arguments.ToArray(),
        Select s => new[] { s.Condition, s.WhenTrue, s.WhenFalse },
        ElementRead r => new[] { r.Index },
        MatrixRead m => new[] { m.Row, m.Column },
        VectorCall v => v.Index is null ? Array.Empty<Expr>() : new[] { v.Index },
        _ => Array.Empty<Expr>(),
    };

    /// <summary><c>for (c = 0; c &lt; length; c++) { ... array[c] = ...; }</c> with the write at the loop's own level.</summary>
    internal static bool WritesEveryElement(ForStatement loop, string array, Expr? length) =>
        !loop.Descending
        && loop.Start is IntConstant { Value: 0 }
        && (loop.End == new LengthOf(array) || (length is not null && loop.End == length))
        && loop.Body.Any(s => s is ElementAssignStatement e && e.Array == array && e.Index is Variable v && v.Name == loop.Counter);

    /// <summary>
    /// The counter and the integers computed from it in the body (a strided loop's <c>i = s + iTrip * k</c>):
    /// an index built from any of them differs between iterations.
    /// </summary>
    private static HashSet<string> CounterDerived(ForStatement loop)
    {
        var derived = new HashSet<string> { loop.Counter };
        List<AssignStatement> assignments = AllAssignments(loop.Body).Where(a => a.Value.Kind == ValueKind.Int).ToList();
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (AssignStatement assign in assignments)
            {
                if (!derived.Contains(assign.Target) && ExprRewriter.Variables(assign.Value).Any(derived.Contains))
                {
                    grew |= derived.Add(assign.Target);
                }
            }
        }

        return derived;
    }

    private static bool WriteIndexUsesCounter(IEnumerable<Stmt> block, string array, HashSet<string> counter) =>
        Writes(block, array).Any(element => ExprRewriter.Variables(element.Index).Any(counter.Contains));

    /// <summary>Whether <paramref name="statement"/> or a statement nested in it reads or writes <paramref name="name"/>.</summary>
    internal static bool References(Stmt statement, string name) => StatementWalker.All(new[] { statement }).Any(s => s switch
    {
        AssignStatement a => a.Target == name || Reads(a.Value, name),
        ElementAssignStatement e => e.Array == name || Reads(e.Index, name) || Reads(e.Value, name),
        IfStatement i => Reads(i.Condition, name),
        ForStatement f => Reads(f.Start, name) || Reads(f.End, name) || (f.Exit is not null && Reads(f.Exit, name)),
        FailWhenStatement fail => Reads(fail.Condition, name),
        ArrayDeclareStatement d => d.Name == name || Reads(d.Length, name),
        ReturnStatement r => Reads(r.Value, name),
        VectorCallStatement call => call.Output == name || call.Arguments.Any(a => Reads(a, name)),
        _ => false,
    });

    private static bool Reads(Expr expr, string name) => ExprRewriter.Reads(expr, name);

    /// <summary>
    /// One write statement, <c>array[c] = value</c> directly in a loop over <c>c</c> that sits directly in
    /// the fused body, with a value that does not read the array: each element is written once per
    /// iteration, so nothing overwritten is ever needed again.
    /// </summary>
    private static bool IsWrittenOncePerElement(IReadOnlyList<Stmt> body, string array)
    {
        if (Writes(body, array).Count() != 1)
        {
            return false;
        }

        return body.OfType<ForStatement>().Any(inner => inner.Body.Any(s =>
            s is ElementAssignStatement e && e.Array == array && e.Index is Variable v && v.Name == inner.Counter
            && !ExprRewriter.Reads(e.Value, array)));
    }

    private static IEnumerable<ElementAssignStatement> Writes(IEnumerable<Stmt> block, string array) =>
        StatementWalker.All(block).OfType<ElementAssignStatement>().Where(e => e.Array == array);

    /// <summary>Every scalar the block defines: assignment targets and loop counters, nested ones included.</summary>
    private static IEnumerable<string> DefinitionsIn(IEnumerable<Stmt> block) => StatementWalker.All(block).Select(s => s switch
    {
        AssignStatement assign => assign.Target,
        ForStatement inner => inner.Counter,
        _ => null,
    }).OfType<string>();
}
