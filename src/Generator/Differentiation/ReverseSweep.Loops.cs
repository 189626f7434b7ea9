using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Loops (see docs/loops-and-arrays.md), as the <see cref="LoopPlan"/> says: fused accumulation loops
/// (<c>ReverseSweep.FusedLoops.cs</c>), whose iteration reverse code is derived up front to run inside
/// the forward loop, and taped loops, reversed by a second loop that pops, at the start of each
/// iteration, the values the forward iteration pushed at its end: the plan's candidates that the
/// reverse iteration reads (<see cref="PlannedLoop.SavesFor"/>).
/// </summary>
internal sealed partial class ReverseSweep
{
    /// <summary>The back edges (<c>carried = last</c> at the end of a loop body): their reverse hands the adjoint on and restarts it.</summary>
    private readonly HashSet<Stmt> backEdges = new();

    /// <summary>
    /// The iteration-start copies (<c>start = carried</c>) of accumulating carried variables, and the
    /// back edges of those variables: their adjoint is the same in every iteration, so the reverse
    /// loop reads it without handing it on or restarting it.
    /// </summary>
    private readonly HashSet<Stmt> invariantStarts = new();
    private readonly HashSet<Stmt> invariantBackEdges = new();

    /// <summary>What each taped loop's iteration pushes, as the sweep finds it (nested loops first).</summary>
    private readonly Dictionary<int, EquatableArray<SavedValue>> saves = new();
    private IReadOnlyList<Stmt> topLevel = new List<Stmt>();

    /// <summary>The carried variables the plan found, as sets of statements the reverse of an assignment looks itself up in.</summary>
    private void ReadCarriedValues()
    {
        foreach (CarriedValue carried in plan.Loops.SelectMany(l => l.Carried))
        {
            backEdges.Add(carried.BackEdge);
            if (carried.Accumulates)
            {
                invariantBackEdges.Add(carried.BackEdge);
                invariantStarts.Add(carried.AccumulatorStart!);
            }
        }
    }

    private void ReverseFor(ForStatement loop)
    {
        if (fusedIterations.TryGetValue(loop.Id, out FusedIteration? fused))
        {
            ReverseFused(loop, fused);
            return;
        }

        if (!Activity.HasActiveWork(loop.Body, active))
        {
            return;
        }

        output.Add(CodeBlankLine.Instance);
        output.Add(new CodeComment(DescribeLine(loop.Note) + "  (reversed)"));
        EvaluatePendingReadsOfArraysWrittenIn(loop.Body);
        var inside = new HashSet<string>();
        CollectActiveNames(loop.Body, inside);
        HashSet<string> definedInBody = DefinedNames(loop.Body);
        foreach (string name in inside.Where(n => pending.ContainsKey(n) || !definedInBody.Contains(n) || loop.Carried.Contains(n)).OrderBy(n => n, System.StringComparer.Ordinal))
        {
            Materialize(name);
        }

        foreach (string name in loop.Carried.Where(active.Contains))
        {
            Materialize(name);
        }

        List<CodeStmt> saved = output;
        output = new List<CodeStmt>();
        ReverseBlock(loop.Body);
        List<CodeStmt> body = DropUnreadChains(loop, output);
        output = saved;
        EvaluatePendingReadsOfChains(loop);
        List<CodeStmt> restore = new();
        List<CodeStmt> recompute = new();
        if (ScratchIteration(loop, body) is { } scratch)
        {
            (restore, recompute, body) = scratch;
        }

        // The plan's candidates that this reverse code reads, less what it computes itself (the recomputed
        // slice, integers run backwards), are what the forward iteration pushes.
        var free = new HashSet<string>();
        CollectFreeVariables(recompute, free);
        CollectFreeVariables(body, free);
        var definedHere = new HashSet<string>(recompute.Concat(body).OfType<CodeDeclare>().Select(d => d.Name));
        (EquatableArray<SavedValue> needed, EquatableArray<AssignStatement> integers) = plan.Of(loop.Id).SavesFor(free, loop.Counter, definedHere);
        saves[loop.Id] = needed;

        // Pushed last, popped first: the scratch arrays' final contents.
        var iteration = new List<CodeStmt>(restore);
        for (int i = needed.Count - 1; i >= 0; i--)
        {
            iteration.Add(new CodeDeclare(needed[i].Name, needed[i].Kind, new TapePop(needed[i].Kind)));
        }

        iteration.AddRange(recompute);

        // Integers computed from the counter alone (a strided loop's i = s + iTrip * k) are computed again, not saved.
        iteration.AddRange(integers.Where(r => !definedHere.Contains(r.Target)).Select(r => (CodeStmt)new CodeDeclare(r.Target, ValueKind.Int, r.Value)));

        iteration.AddRange(body);
        Expr one = new IntConstant(1);
        Expr end = EndOf(loop);
        if (IterationsAreIndependent(loop, needed) && !RunsChainsBackwards(body))
        {
            // Nothing saved, only accumulators carried, no element writes: any order gives the same
            // adjoints, so keep the forward order (friendlier to caches and prefetchers).
            output.Add(InvariantElementSums.Hoist(new CodeFor(loop.Counter, loop.Start, end, loop.Descending, iteration.ToEquatableArray()), names));
            return;
        }

        CodeFor reversed = loop.Descending
            ? new CodeFor(loop.Counter, end, new Binary(BinaryOperator.Add, loop.Start, one, ValueKind.Int), false, iteration.ToEquatableArray())
            : new CodeFor(loop.Counter, new Binary(BinaryOperator.Subtract, end, one, ValueKind.Int), loop.Start, true, iteration.ToEquatableArray());
        output.Add(InvariantElementSums.Hoist(reversed, names));
    }

    /// <summary>
    /// The end of the iterations that ran: the header's end, or for a loop that may exit early the
    /// <see cref="ForStatement.Stop"/> the forward loop records (the plan tells the forward emitter so;
    /// a loop nested in a taped loop has it saved on the tape like any other value).
    /// </summary>
    private static Expr EndOf(ForStatement loop) => loop.Stop is null ? loop.End : new Variable(loop.Stop, ValueKind.Int);

    private bool IterationsAreIndependent(ForStatement loop, EquatableArray<SavedValue> needed) =>
        needed.Count == 0
        && loop.Carried.Where(active.Contains).All(c => invariantBackEdges.Any(e => e is AssignStatement a && a.Target == c))
        && !WritesArray(loop.Body)
        && !UsesTape(loop.Body);

    private static bool WritesArray(IEnumerable<Stmt> block) => StatementWalker.WrittenArrays(block).Any();

    private bool UsesTape(IEnumerable<Stmt> block) =>
        StatementWalker.All(block).OfType<ForStatement>().Any(f => (saves.TryGetValue(f.Id, out EquatableArray<SavedValue> values) && values.Count > 0) || finalContents.ContainsKey(f.Id));

    /// <summary>Every name the generated code reads (declared ones included: the caller filters).</summary>
    private static void CollectFreeVariables(IEnumerable<CodeStmt> block, HashSet<string> into)
    {
        foreach (CodeStmt statement in CodeWalker.All(block))
        {
            switch (statement)
            {
                case CodeDeclare d:
                    ExprRewriter.AddVariables(d.Value, into);
                    break;
                case CodeAssign a:
                    ExprRewriter.AddVariables(a.Value, into);
                    if (a.Index is not null)
                    {
                        ExprRewriter.AddVariables(a.Index, into);
                    }

                    break;
                case CodeAddTo a:
                    ExprRewriter.AddVariables(a.Value, into);
                    if (a.Index is not null)
                    {
                        ExprRewriter.AddVariables(a.Index, into);
                    }

                    break;
                case CodeIf i:
                    ExprRewriter.AddVariables(i.Condition, into);
                    break;
                case CodeFor f:
                    ExprRewriter.AddVariables(f.Start, into);
                    ExprRewriter.AddVariables(f.End, into);
                    break;
                case CodeTapePush p:
                    ExprRewriter.AddVariables(p.Value, into);
                    break;
                case CodeInvoke call:
                    into.UnionWith(call.Arguments.SelectMany(a => ExprRewriter.Variables(a.Value)));
                    break;
                case CodeRentBuffer rent:
                    ExprRewriter.AddVariables(rent.Length, into);
                    break;
            }
        }
    }
}
