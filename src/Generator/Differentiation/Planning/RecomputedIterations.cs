using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation.Planning;

/// <summary>
/// Scratch arrays of a taped loop (docs/loops-and-arrays.md, "Recomputing instead of taping"): arrays only the
/// loop uses, rewritten by every iteration. Instead of saving and restoring every element an iteration
/// overwrites, the reverse iteration can start from the iteration's final contents: saved in one copy when a
/// loop of the body fills the array completely, or written again by the part of the body that writes it (the
/// slice, statements of the prepared body in source order) when every read follows a write in the iteration
/// and that costs less than the saves. Whether the reverse code reads an element the iteration overwrote
/// later is a property of that code; the sweep checks it (<c>ReverseSweep.Recompute.cs</c>).
/// </summary>
internal static class RecomputedIterations
{
    /// <summary>What saving and restoring one overwritten element costs: a load, a push, a pop and a store, two of them checked.</summary>
    internal const int SaveCost = 16;

    /// <summary>What saving an array's final contents and putting them back costs: two calls that copy (about one loop's length).</summary>
    internal const int FinalContentsCost = 16;

    /// <summary>How much more a statement one loop deeper runs, for want of trip counts.</summary>
    internal const int NestingWeight = 8;

    /// <summary>Beyond this the slice is not worth computing: a statement it cannot recompute.</summary>
    private const int Unrecomputable = int.MaxValue / 4;

    /// <summary>
    /// How <paramref name="loop"/>'s reverse iteration gets back the scratch arrays it owns without saving every
    /// element the forward iteration overwrites: the arrays whose final contents it saves instead (those a loop
    /// of the body fills completely each iteration: one copy of each, pushed at the end of the iteration and
    /// popped at the start of the reverse one), and the recomputed iteration of the others, if any qualifies and
    /// costs less than the saves.
    /// </summary>
    public static (EquatableArray<string> FinalContents, RecomputedIteration? Recomputed) Plan(ForStatement loop, IReadOnlyList<Stmt> all)
    {
        var declared = new Dictionary<string, Expr>();
        foreach (ArrayDeclareStatement declare in all.OfType<ArrayDeclareStatement>())
        {
            declared[declare.Name] = declare.Length;
        }

        var inLoop = new HashSet<object>(StatementWalker.All(loop.Body), ReferenceComparer.Instance);
        List<HashSet<object>> nested = StatementWalker.All(loop.Body).OfType<ForStatement>()
            .Select(inner => new HashSet<object>(StatementWalker.All(inner.Body), ReferenceComparer.Instance))
            .ToList();
        var finalContents = new List<string>();
        var recomputed = new List<string>();
        foreach (string array in StatementWalker.WrittenArrays(loop.Body).Distinct())
        {
            if (!declared.TryGetValue(array, out Expr? length))
            {
                continue;
            }

            // Owned: referenced nowhere else, and by no loop inside this one alone (that loop owns it).
            List<Stmt> references = all.Where(s => s is not ArrayDeclareStatement && ReferencesDirectly(s, array)).ToList();
            if (!references.All(inLoop.Contains) || nested.Any(inner => references.All(inner.Contains)))
            {
                continue;
            }

            var only = new HashSet<string> { array };
            if (loop.Body.OfType<ForStatement>().Any(inner => LoopFusion.WritesEveryElement(inner, array, length)) && FinalContentsCost <= TapeCostOf(loop.Body, only))
            {
                finalContents.Add(array);
            }
            else if (WritesAtLoopLevels(loop.Body, array) && LoopFusion.IsWrittenBeforeRead(loop.Body, array, length))
            {
                recomputed.Add(array);
            }
        }

        return (finalContents.ToEquatableArray(), recomputed.Count == 0 ? null : ForArrays(loop, recomputed));
    }

    /// <summary>The slice of <paramref name="loop"/> that writes <paramref name="arrays"/> again, when it can be recomputed and costs no more than the saves it replaces.</summary>
    public static RecomputedIteration? ForArrays(ForStatement loop, IReadOnlyCollection<string> arrays)
    {
        var scratch = new HashSet<string>(arrays);
        var writtenInLoop = new HashSet<string>(StatementWalker.WrittenArrays(loop.Body));
        var carriedStarts = new HashSet<string>(loop.Body.OfType<AssignStatement>().Where(a => a.Value is Variable v && loop.Carried.Contains(v.Name)).Select(a => a.Target));
        var slicer = new Slicer(scratch, writtenInLoop, carriedStarts);
        List<Stmt>? slice = slicer.TopLevel(loop.Body);
        if (slice is null)
        {
            return null;
        }

        int sliceCost = CostOf(slice);
        int tapeCost = TapeCostOf(loop.Body, scratch);
        return sliceCost <= tapeCost
            ? new RecomputedIteration(arrays.ToEquatableArray(), slice.ToEquatableArray(), sliceCost, tapeCost)
            : null;
    }

    /// <summary>Whether a statement's own expressions or target (not nested statements') mention the array.</summary>
    private static bool ReferencesDirectly(Stmt statement, string array) => statement switch
    {
        ElementAssignStatement e when e.Array == array => true,
        VectorCallStatement call when call.Output == array => true,
        ArrayDeclareStatement d when d.Name == array => true,
        _ => StatementWalker.ExpressionsOf(statement).Any(e => ExprRewriter.Reads(e, array)),
    };

    /// <summary>Every write of the array sits in the body or in loops in it, none in a branch: the slice has no branches.</summary>
    private static bool WritesAtLoopLevels(IEnumerable<Stmt> block, string array) => block.All(statement => statement switch
    {
        IfStatement branch => !StatementWalker.WrittenArrays(new[] { branch }).Contains(array),
        ForStatement inner => WritesAtLoopLevels(inner.Body, array),
        _ => true,
    });

    /// <summary>What saving the overwritten elements costs per iteration: <see cref="SaveCost"/> per write, weighted by nesting.</summary>
    private static int TapeCostOf(IEnumerable<Stmt> block, HashSet<string> scratch) => Saturate(block.Sum(statement => (long)(statement switch
    {
        ElementAssignStatement e when scratch.Contains(e.Array) => SaveCost,
        ForStatement inner => Saturate((long)NestingWeight * TapeCostOf(inner.Body, scratch)),
        _ => 0,
    })));

    /// <summary>What running the slice once costs: each operation 1, an element access 2, a <c>Math</c> function 20, weighted by nesting.</summary>
    internal static int CostOf(IEnumerable<Stmt> block) => Saturate(block.Sum(statement => (long)(statement switch
    {
        AssignStatement a => 1 + CostOf(a.Value),
        ElementAssignStatement e => 2 + CostOf(e.Index) + CostOf(e.Value),
        ForStatement inner => 2 + CostOf(inner.Start) + CostOf(inner.End) + Saturate((long)NestingWeight * CostOf(inner.Body)),
        _ => Unrecomputable,
    })));

    internal static int CostOf(Expr expr) => Saturate(expr switch
    {
        Constant or IntConstant or BoolConstant or Variable => 0,
        LengthOf => 1,
        ElementRead r => 2L + CostOf(r.Index),
        MatrixRead m => 2L + CostOf(m.Row) + CostOf(m.Column),
        Unary u => (u.Operator == UnaryOperator.ToDouble ? 0L : 1L) + CostOf(u.Operand),
        Binary b => (b.Operator is BinaryOperator.Divide or BinaryOperator.Remainder ? 4L : 1L) + CostOf(b.Left) + CostOf(b.Right),
        Call c => (long)FunctionCost(c.Function) + CostOf(c.First) + (c.Second is null ? 0 : CostOf(c.Second)),
        IntCall c => 1L + CostOf(c.First) + (c.Second is null ? 0 : CostOf(c.Second)),
        Select s => 1L + CostOf(s.Condition) + CostOf(s.WhenTrue) + CostOf(s.WhenFalse),
        _ => Unrecomputable,
    });

    private static int FunctionCost(MathFunction function) => function switch
    {
        MathFunction.Abs or MathFunction.Max or MathFunction.Min or MathFunction.Relu => 1,
        MathFunction.Sqrt => 4,
        _ => 20,
    };

    private static int Saturate(long value) => value > Unrecomputable ? Unrecomputable : (int)value;

    /// <summary>
    /// Walks a loop body backwards from the writes of the scratch arrays, keeping what they depend on.
    /// At the loop's own level a value it cannot recompute is an input (popped at the top of the reverse
    /// iteration, like any value the reverse code reads); inside a nested loop it makes the slice fail.
    /// </summary>
    private sealed class Slicer
    {
        private readonly HashSet<string> scratch;
        private readonly HashSet<string> writtenInLoop;
        private readonly HashSet<string> carriedStarts;
        private readonly HashSet<string> needed = new();

        public Slicer(HashSet<string> scratch, HashSet<string> writtenInLoop, HashSet<string> carriedStarts)
        {
            this.scratch = scratch;
            this.writtenInLoop = writtenInLoop;
            this.carriedStarts = carriedStarts;
        }

        public List<Stmt>? TopLevel(IReadOnlyList<Stmt> body) => Block(body, nestedLevel: false);

        private List<Stmt>? Block(IReadOnlyList<Stmt> block, bool nestedLevel)
        {
            var kept = new List<Stmt>();
            for (int i = block.Count - 1; i >= 0; i--)
            {
                Stmt statement = block[i];
                switch (statement)
                {
                    case ElementAssignStatement element when scratch.Contains(element.Array):
                        if (!Reads(element.Index) || !Reads(element.Value))
                        {
                            return null;
                        }

                        kept.Add(element);
                        break;
                    case AssignStatement assign when needed.Contains(assign.Target):
                        if (carriedStarts.Contains(assign.Target) || !IsRecomputable(assign.Value))
                        {
                            if (nestedLevel)
                            {
                                return null;
                            }

                            break; // an input: the reverse iteration pops it
                        }

                        if (!Reads(assign.Value))
                        {
                            return null;
                        }

                        kept.Add(assign);
                        break;
                    case ForStatement inner when Matters(inner):
                        ForStatement? sliced = Loop(inner);
                        if (sliced is null)
                        {
                            return null;
                        }

                        kept.Add(sliced);
                        break;
                    case IfStatement branch when Matters(branch):
                        if (nestedLevel || StatementWalker.WrittenArrays(new[] { branch }).Any(scratch.Contains))
                        {
                            return null;
                        }

                        break; // what it assigns is an input
                }
            }

            kept.Reverse();
            return kept;
        }

        /// <summary>A nested loop, cut to what the slice needs: its body walked until nothing more is needed (values carried round the loop).</summary>
        private ForStatement? Loop(ForStatement inner)
        {
            if (inner.Exit is not null)
            {
                return null;
            }

            List<Stmt>? body;
            int before;
            do
            {
                before = needed.Count;
                body = Block(inner.Body, nestedLevel: true);
                if (body is null)
                {
                    return null;
                }
            }
            while (needed.Count != before);

            needed.Remove(inner.Counter);
            if (!Reads(inner.Start) || !Reads(inner.End))
            {
                return null;
            }

            return inner with { Body = body.ToEquatableArray() };
        }

        /// <summary>Whether a loop or branch writes a scratch array or assigns a needed name.</summary>
        private bool Matters(Stmt statement) =>
            StatementWalker.WrittenArrays(new[] { statement }).Any(scratch.Contains)
            || StatementWalker.AssignedNames(new[] { statement }).Any(needed.Contains);

        /// <summary>Adds what <paramref name="expr"/> reads to the needed names; false when it reads an array the loop writes (not a scratch one).</summary>
        private bool Reads(Expr expr)
        {
            foreach (string name in ExprRewriter.VariablesAndArrays(expr))
            {
                if (writtenInLoop.Contains(name) && !scratch.Contains(name))
                {
                    return false;
                }
            }

            ExprRewriter.AddVariables(expr, needed);
            return true;
        }

        private static bool IsRecomputable(Expr value) => !ExprRewriter.CallsOut(value) && CostOf(value) < Unrecomputable;
    }
}

/// <summary>
/// A taped loop's recomputed iteration: the scratch arrays it writes again at the start of each reverse
/// iteration (instead of saving the elements it overwrites), the statements that do it (in source order;
/// nested loops cut to what they need) and the cost model's two figures.
/// </summary>
internal sealed record RecomputedIteration(EquatableArray<string> Arrays, EquatableArray<Stmt> Slice, int SliceCost, int TapeCost);
