using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Loops (see docs/loops-and-arrays.md): fused accumulation loops, whose iteration reverse code is
/// generated up front to run inside the forward loop, and taped loops, reversed by a second loop
/// that pops, at the start of each iteration, the values the forward iteration pushed at its end.
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
    private readonly Dictionary<string, ValueKind> kinds = new();
    private readonly Dictionary<int, List<(string Name, ValueKind Kind)>> pushes = new();
    private readonly Dictionary<int, FusionPlan> fusedPlans = new();
    private readonly HashSet<string> recordedStops = new();
    private IReadOnlyList<Stmt> topLevel = new List<Stmt>();

    /// <summary>The fused loop whose iteration reverse code is being generated, if any.</summary>
    private FusionPlan? fusion;

    private void PlanFusedLoops(IReadOnlyList<Stmt> body)
    {
        topLevel = body;
        foreach (ForStatement loop in body.OfType<ForStatement>())
        {
            FusionPlan? plan = LoopFusion.Analyze(loop, body, active);
            if (plan is null)
            {
                continue;
            }

            fusion = plan;
            List<CodeStmt> saved = output;
            output = new List<CodeStmt>();
            (AssignStatement? start, AssignStatement? backEdge) = LoopFusion.StartAndBackEdge(loop, plan.Accumulator);
            pending[((Variable)backEdge!.Value).Name] = new List<Expr> { Constant.One };
            ReverseBlock(loop.Body.Where(s => !ReferenceEquals(s, start) && !ReferenceEquals(s, backEdge)).ToList());
            pending.Remove(start!.Target);
            plan.IterationReverse = Simplification.GradientSimplifier.SimplifyBlock(output);
            MoveToReverseSweepWhenNothingIsSaved(plan);
            output = saved;
            fusion = null;
            fusedPlans[loop.Id] = plan;
        }
    }

    private void ReverseFor(ForStatement loop)
    {
        if (fusedPlans.TryGetValue(loop.Id, out FusionPlan? plan))
        {
            ReverseFused(plan);
            return;
        }

        if (!ContainsActiveWork(loop.Body))
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
        List<CodeStmt> body = output;
        output = saved;

        var free = new HashSet<string>();
        CollectFreeVariables(body, free);
        List<(string Name, ValueKind Kind)> needed = LevelDefinitions(loop.Body)
            .Where(name => free.Contains(name) && name != loop.Counter && !loop.Carried.Contains(name))
            .Distinct()
            .Select(name => (name, kinds[name]))
            .ToList();

        List<AssignStatement> recomputed = RecomputableIntegers(loop, needed.Select(n => n.Name));
        needed.RemoveAll(n => recomputed.Any(r => r.Target == n.Name));
        pushes[loop.Id] = needed;

        var iteration = new List<CodeStmt>();
        for (int i = needed.Count - 1; i >= 0; i--)
        {
            iteration.Add(new CodeDeclare(needed[i].Name, needed[i].Kind, new TapePop(needed[i].Kind)));
        }

        // Integers computed from the counter alone (a strided loop's i = s + iTrip * k) are computed again, not saved.
        iteration.AddRange(recomputed.Select(r => (CodeStmt)new CodeDeclare(r.Target, ValueKind.Int, r.Value)));

        iteration.AddRange(body);
        Expr one = new IntConstant(1);
        Expr end = EndOf(loop);
        if (IterationsAreIndependent(loop, needed))
        {
            // Nothing saved, only accumulators carried, no element writes: any order gives the same
            // adjoints, so keep the forward order (friendlier to caches and prefetchers).
            output.Add(new CodeFor(loop.Counter, loop.Start, end, loop.Descending, iteration.ToEquatableArray()));
            return;
        }

        CodeFor reversed = loop.Descending
            ? new CodeFor(loop.Counter, end, new Binary(BinaryOperator.Add, loop.Start, one, ValueKind.Int), false, iteration.ToEquatableArray())
            : new CodeFor(loop.Counter, new Binary(BinaryOperator.Subtract, end, one, ValueKind.Int), loop.Start, true, iteration.ToEquatableArray());
        output.Add(reversed);
    }

    /// <summary>
    /// The <c>int</c> values among <paramref name="needed"/> that the body computes unconditionally, at
    /// its top level, from the counter, values defined before the loop (never changed: SSA) and each
    /// other: cheaper to compute again in the reverse iteration than to save. In source order.
    /// </summary>
    private List<AssignStatement> RecomputableIntegers(ForStatement loop, IEnumerable<string> needed)
    {
        var wanted = new HashSet<string>(needed);
        HashSet<string> definedInBody = DefinedNames(loop.Body);
        var known = new HashSet<string> { loop.Counter };
        var result = new List<AssignStatement>();
        foreach (AssignStatement assign in loop.Body.OfType<AssignStatement>())
        {
            if (assign.Value.Kind == ValueKind.Int
                && !ExprRewriter.ReadsArrays(assign.Value)
                && ExprRewriter.Variables(assign.Value).All(name => known.Contains(name) || (!definedInBody.Contains(name) && !loop.Carried.Contains(name))))
            {
                known.Add(assign.Target);
                if (wanted.Contains(assign.Target))
                {
                    result.Add(assign);
                }
            }
        }

        // A recomputed value may read others that are not needed themselves: compute those too.
        var include = new HashSet<string>(result.Select(r => r.Target));
        List<AssignStatement> candidates = loop.Body.OfType<AssignStatement>().Where(a => known.Contains(a.Target)).ToList();
        for (int i = candidates.Count - 1; i >= 0; i--)
        {
            if (include.Contains(candidates[i].Target))
            {
                include.UnionWith(ExprRewriter.Variables(candidates[i].Value).Where(known.Contains));
            }
        }

        return candidates.Where(a => include.Contains(a.Target)).ToList();
    }

    /// <summary>
    /// The end of the iterations that ran: the header's end, or for a loop that may exit early the
    /// <see cref="ForStatement.Stop"/> the forward loop records (the reverse loops read it, so the forward
    /// sweep writes it; a loop nested in a taped loop has it saved on the tape like any other value).
    /// </summary>
    private Expr EndOf(ForStatement loop)
    {
        if (loop.Stop is null)
        {
            return loop.End;
        }

        recordedStops.Add(loop.Stop);
        return new Variable(loop.Stop, ValueKind.Int);
    }

    private bool IterationsAreIndependent(ForStatement loop, List<(string Name, ValueKind Kind)> needed) =>
        needed.Count == 0
        && loop.Carried.Where(active.Contains).All(c => invariantBackEdges.Any(e => e is AssignStatement a && a.Target == c))
        && !WritesArray(loop.Body)
        && !UsesTape(loop.Body);

    private static bool WritesArray(IEnumerable<Stmt> block) => StatementWalker.WrittenArrays(block).Any();

    private bool UsesTape(IEnumerable<Stmt> block) => block.Any(statement => statement switch
    {
        ForStatement f => (pushes.TryGetValue(f.Id, out var values) && values.Count > 0) || UsesTape(f.Body),
        IfStatement i => UsesTape(i.Then) || UsesTape(i.Else),
        _ => false,
    });

    /// <summary>
    /// The forward loop already accumulated each outer value's partial derivative of the sum in
    /// <c>g</c>; now that the sum's adjoint is known, add adjoint * g.
    /// </summary>
    private void ReverseFused(FusionPlan plan)
    {
        // Even when the sum turns out unused (adjoint 0), the partials already accumulated must be scaled away.
        output.Add(CodeBlankLine.Instance);
        output.Add(new CodeComment(DescribeLine(plan.Loop.Note) + (plan.RecomputedInReverse is null
            ? "  (fused: the forward loop accumulated each iteration's derivative; scale it by the sum's adjoint)"
            : "  (a sum of independent terms: each iteration's derivative, scaled by the sum's adjoint)")));
        Expr adjoint = TakeAdjoint(plan.Accumulator);
        pending[plan.Accumulator] = new List<Expr> { adjoint };
        if (IsPathDependent(adjoint))
        {
            // The sum may be unused on the path taken (adjoint 0) while a partial is infinite: scale
            // only when the adjoint is not 0, and otherwise drop what the loop accumulated directly.
            EquatableArray<CodeStmt> dropped = plan.Arrays.Where(a => a.Direct && plan.RecomputedInReverse is null)
                .Select(a => (CodeStmt)new CodeClear(a.Buffer))
                .ToEquatableArray();
            Guarded(adjoint, plan.Scalars.Select(s => s.Outer), () => ScaleFusedPartials(plan, adjoint), dropped);
            return;
        }

        ScaleFusedPartials(plan, adjoint);
    }

    private void ScaleFusedPartials(FusionPlan plan, Expr adjoint)
    {
        if (plan.RecomputedInReverse is not null)
        {
            ReverseRecomputedSum(plan, adjoint);
        }

        foreach ((string outer, string accumulator) in plan.Scalars)
        {
            AddContribution(outer, E.Mul(adjoint, new Variable(accumulator, ValueKind.Double)));
        }

        foreach ((string outer, string buffer, bool direct) in plan.Arrays.Where(_ => plan.RecomputedInReverse is null))
        {
            if (direct && adjoint is Constant { Value: 1.0 })
            {
                continue;
            }

            string index = names.Allocate("index");
            var at = new Variable(index, ValueKind.Int);
            CodeStmt update = direct
                ? new CodeAssign(buffer, E.Mul(new ElementRead(buffer, at, ValueKind.Double), adjoint), at)
                : new CodeAddTo(arrayAdjoints[outer], E.Mul(adjoint, new ElementRead(buffer, at, ValueKind.Double)), at);
            output.Add(new CodeFor(index, new IntConstant(0), new LengthOf(outer), false, new[] { update }.ToEquatableArray()));
        }
    }

    /// <summary>In a fused iteration, a contribution to a scalar defined outside the loop goes to its partial-gradient accumulator.</summary>
    private void RouteToPartialGradient(string name, Expr contribution)
    {
        if (name == fusion!.Accumulator)
        {
            return;
        }

        string? accumulator = fusion.Scalars.FirstOrDefault(s => s.Outer == name).Accumulator;
        if (accumulator is null)
        {
            accumulator = names.Allocate("g" + Names.Capitalize(name));
            fusion.Scalars.Add((name, accumulator));
        }

        output.Add(new CodeAddTo(accumulator, contribution));
    }

    /// <summary>Active assignments, and element writes (whose old elements the reverse sweep restores).</summary>
    private bool ContainsActiveWork(IEnumerable<Stmt> block) => block.Any(statement => statement switch
    {
        AssignStatement a => active.Contains(a.Target),
        ElementAssignStatement => true,
        IfStatement i => ContainsActiveWork(i.Then) || ContainsActiveWork(i.Else),
        ForStatement f => ContainsActiveWork(f.Body),
        _ => false,
    });

    /// <summary>
    /// The names a loop body defines at its own level (branches included, nested loops' bodies not,
    /// but where a nested loop stopped), in order.
    /// </summary>
    private static IEnumerable<string> LevelDefinitions(IEnumerable<Stmt> block)
    {
        foreach (Stmt statement in block)
        {
            if (statement is AssignStatement assign)
            {
                yield return assign.Target;
            }
            else if (statement is ForStatement { Stop: { } stop })
            {
                yield return stop;
            }
            else if (statement is IfStatement branch)
            {
                foreach (string name in LevelDefinitions(branch.Then).Concat(LevelDefinitions(branch.Else)))
                {
                    yield return name;
                }
            }
        }
    }

    private static void CollectFreeVariables(IEnumerable<CodeStmt> block, HashSet<string> into)
    {
        foreach (CodeStmt statement in block)
        {
            switch (statement)
            {
                case CodeDeclare d:
                    into.UnionWith(ExprRewriter.Variables(d.Value));
                    break;
                case CodeAssign a:
                    into.UnionWith(ExprRewriter.Variables(a.Value));
                    if (a.Index is not null)
                    {
                        into.UnionWith(ExprRewriter.Variables(a.Index));
                    }

                    break;
                case CodeAddTo a:
                    into.UnionWith(ExprRewriter.Variables(a.Value));
                    if (a.Index is not null)
                    {
                        into.UnionWith(ExprRewriter.Variables(a.Index));
                    }

                    break;
                case CodeIf i:
                    into.UnionWith(ExprRewriter.Variables(i.Condition));
                    CollectFreeVariables(i.Then, into);
                    CollectFreeVariables(i.Else, into);
                    break;
                case CodeFor f:
                    into.UnionWith(ExprRewriter.Variables(f.Start));
                    into.UnionWith(ExprRewriter.Variables(f.End));
                    CollectFreeVariables(f.Body, into);
                    break;
                case CodeTapePush p:
                    into.UnionWith(ExprRewriter.Variables(p.Value));
                    break;
                case CodeInvoke call:
                    into.UnionWith(call.Arguments.SelectMany(a => ExprRewriter.Variables(a.Value)));
                    break;
                case CodeRentBuffer rent:
                    into.UnionWith(ExprRewriter.Variables(rent.Length));
                    break;
            }
        }
    }

    private void CollectNamesAndKinds(IEnumerable<Stmt> block)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign:
                    kinds[assign.Target] = assign.Value.Kind;
                    break;
                case IfStatement branch:
                    CollectNamesAndKinds(branch.Then);
                    CollectNamesAndKinds(branch.Else);
                    break;
                case ForStatement loop:
                    kinds[loop.Counter] = ValueKind.Int;
                    if (loop.Stop is not null)
                    {
                        kinds[loop.Stop] = ValueKind.Int;
                    }

                    CollectNamesAndKinds(loop.Body);
                    for (int i = loop.Body.Count - 1; i >= 0 && loop.Body[i] is AssignStatement edge && loop.Carried.Contains(edge.Target); i--)
                    {
                        backEdges.Add(edge);
                        if (LoopFusion.IsAccumulator(loop, edge.Target))
                        {
                            invariantBackEdges.Add(edge);
                            invariantStarts.Add(loop.Body.OfType<AssignStatement>().First(a => a.Value is Variable v && v.Name == edge.Target));
                        }
                    }

                    break;
            }
        }
    }
}
