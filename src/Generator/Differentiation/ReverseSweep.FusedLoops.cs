using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Simplification;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Fused loops (planned by <see cref="LoopPlanner"/>): before the sweep proper, each one's iteration
/// reverse code is derived, seeded with d(term) = 1, to run inside the forward loop; contributions to
/// outer scalars and arrays go to partial-gradient accumulators and buffers, which the sweep, on
/// reaching the loop, scales by the sum's adjoint. Each derivation becomes an immutable
/// <see cref="FusedIteration"/>.
/// </summary>
internal sealed partial class ReverseSweep
{
    private readonly Dictionary<int, FusedIteration> fusedIterations = new();

    /// <summary>The fused loop whose iteration reverse code is being derived, if any.</summary>
    private FusedDraft? fusion;

    /// <summary>A fused loop while its iteration is derived: the partial-gradient accumulators are found on the way.</summary>
    private sealed class FusedDraft
    {
        public FusedDraft(ForStatement loop, FusedLoop shape)
        {
            Loop = loop;
            Shape = shape;
            BodyNames = new HashSet<string>(shape.BodyNames);
            WrittenOnce = new HashSet<string>(shape.WrittenOnce);
        }

        public ForStatement Loop { get; }

        public FusedLoop Shape { get; }

        public string Accumulator => Shape.Accumulator;

        public HashSet<string> BodyNames { get; }

        public HashSet<string> WrittenOnce { get; }

        /// <summary>In order of first use.</summary>
        public List<PartialAccumulator> Scalars { get; } = new();

        public List<PartialBuffer> Arrays { get; } = new();
    }

    private void DeriveFusedIterations(IReadOnlyList<Stmt> body)
    {
        topLevel = body;
        foreach (ForStatement loop in body.OfType<ForStatement>())
        {
            FusedLoop? shape = plan.FusedShapeOf(loop.Id);
            if (shape is null)
            {
                continue;
            }

            var draft = new FusedDraft(loop, shape);
            fusion = draft;
            List<CodeStmt> saved = output;
            output = new List<CodeStmt>();
            (AssignStatement? start, AssignStatement? backEdge) = LoopFusion.StartAndBackEdge(loop, shape.Accumulator);
            pending[((Variable)backEdge!.Value).Name] = new List<Expr> { Constant.One };
            ReverseBlock(loop.Body.Where(s => !ReferenceEquals(s, start) && !ReferenceEquals(s, backEdge)).ToList());
            pending.Remove(start!.Target);
            List<CodeStmt> code = GradientSimplifier.SimplifyBlock(output);
            bool runsInReverse = CanRunInReverseSweep(draft, code);
            output = saved;
            fusion = null;
            fusedIterations[loop.Id] = new FusedIteration(loop.Id, shape.Accumulator, code.ToEquatableArray(), runsInReverse, draft.Scalars.ToEquatableArray(), draft.Arrays.ToEquatableArray());
        }
    }

    /// <summary>
    /// The forward loop already accumulated each outer value's partial derivative of the sum in
    /// <c>g</c>; now that the sum's adjoint is known, add adjoint * g.
    /// </summary>
    private void ReverseFused(ForStatement loop, FusedIteration iteration)
    {
        // Even when the sum turns out unused (adjoint 0), the partials already accumulated must be scaled away.
        output.Add(CodeBlankLine.Instance);
        output.Add(new CodeComment(DescribeLine(loop.Note) + (!iteration.RunsInReverse
            ? "  (fused: the forward loop accumulated each iteration's derivative; scale it by the sum's adjoint)"
            : "  (a sum of independent terms: each iteration's derivative, scaled by the sum's adjoint)")));
        Expr adjoint = TakeAdjoint(iteration.Accumulator);
        pending[iteration.Accumulator] = new List<Expr> { adjoint };
        if (IsPathDependent(adjoint))
        {
            // The sum may be unused on the path taken (adjoint 0) while a partial is infinite: scale
            // only when the adjoint is not 0, and otherwise drop what the loop accumulated directly.
            EquatableArray<CodeStmt> dropped = iteration.Arrays.Where(a => a.Direct && !iteration.RunsInReverse)
                .Select(a => (CodeStmt)new CodeClear(a.Buffer))
                .ToEquatableArray();
            Guarded(adjoint, iteration.Scalars.Select(s => s.Outer), () => ScaleFusedPartials(loop, iteration, adjoint), dropped);
            return;
        }

        ScaleFusedPartials(loop, iteration, adjoint);
    }

    private void ScaleFusedPartials(ForStatement loop, FusedIteration iteration, Expr adjoint)
    {
        if (iteration.RunsInReverse)
        {
            ReverseRecomputedSum(loop, iteration, adjoint);
        }

        foreach ((string outer, string accumulator) in iteration.Scalars)
        {
            AddContribution(outer, E.Mul(adjoint, new Variable(accumulator, ValueKind.Double)));
        }

        foreach ((string outer, string buffer, bool direct) in iteration.Arrays.Where(_ => !iteration.RunsInReverse))
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

        string? accumulator = fusion.Scalars.FirstOrDefault(s => s.Outer == name)?.Accumulator;
        if (accumulator is null)
        {
            accumulator = names.Allocate("g" + Names.Capitalize(name));
            fusion.Scalars.Add(new PartialAccumulator(name, accumulator));
        }

        output.Add(new CodeAddTo(accumulator, contribution));
    }
}
