using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.Differentiation.Rules;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Simplification;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of a prepared SSA body. Statements are visited last to first; each
/// expression tree is walked from the root with its adjoint, and what reaches a variable is queued
/// as a contribution. In SSA form every use of a variable comes after its single definition, so
/// when the sweep reaches the definition all contributions are known and the adjoint is written
/// once, as <c>double dV = sum;</c>, like a hand derivation. Branches are replayed with the stored
/// condition; adjoints that a branch or a loop adds to are declared before it and accumulated with
/// <c>+=</c>. Loops follow the <see cref="LoopPlan"/> computed before the sweep
/// (<c>ReverseSweep.Loops.cs</c>, <c>ReverseSweep.FusedLoops.cs</c>), arrays are in
/// <c>ReverseSweep.Arrays.cs</c>; the result is an immutable <see cref="ReverseResult"/>.
/// </summary>
internal sealed partial class ReverseSweep
{
    private readonly NameAllocator names;
    private readonly ISet<string> active;
    private readonly Dictionary<string, string> parameterGradients;
    private readonly Dictionary<string, List<Expr>> pending = new();
    private readonly Dictionary<string, string> accumulators = new();
    private List<CodeStmt> output = new();
    private AssignStatement? currentRoot;

    private readonly DerivativeRequest request;
    private readonly LoopPlan plan;

    private ReverseSweep(NameAllocator names, ISet<string> active, IEnumerable<ParameterModel> differentiated, DerivativeRequest request, LoopPlan plan)
    {
        this.names = names;
        this.request = request;
        this.active = active;
        this.plan = plan;
        parameterGradients = differentiated.ToDictionary(p => p.Name, p => p.GradientName);
        ReadCarriedValues();
        ReadIntegerChains();
    }

    /// <summary>The reverse sweep of <paramref name="body"/> following <paramref name="plan"/>, and what the forward sweep must add for it.</summary>
    public static ReverseResult Build(IReadOnlyList<Stmt> body, string result, NameAllocator names, ISet<string> active, IReadOnlyList<ParameterModel> differentiated, DerivativeRequest request, LoopPlan plan)
    {
        var sweep = new ReverseSweep(names, active, differentiated, request, plan);
        sweep.deadRestores = DeadRestores.Find(body);
        sweep.DeclareArrayAdjoints(body, differentiated);
        sweep.DeriveFusedIterations(body);
        if (active.Contains(result))
        {
            sweep.pending[result] = new List<Expr> { request.Seed };
        }

        // Always walked: a fused loop whose sum turns out not to matter must still scale its partials away.
        sweep.ReverseBlock(body);

        sweep.output.Add(CodeBlankLine.Instance);
        sweep.output.Add(new CodeComment("Gradient outputs."));
        foreach (ParameterModel parameter in differentiated.Where(p => !p.IsArray))
        {
            if (!sweep.accumulators.ContainsKey(parameter.Name))
            {
                sweep.WriteOutput(parameter.GradientName, sweep.SumOfPending(parameter.Name));
            }
        }

        return new ReverseResult(
            sweep.output.ToEquatableArray(),
            sweep.saves.Select(s => new LoopSaves(s.Key, s.Value)).ToEquatableArray(),
            sweep.fusedIterations.Values.ToEquatableArray(),
            sweep.arrayAdjoints.Select(a => new ArrayAdjoint(a.Key, a.Value)).ToEquatableArray())
        {
            DroppedSaves = sweep.droppedSaves.ToEquatableArray(),
            FinalContents = sweep.finalContents.Select(f => new LoopArrays(f.Key, f.Value)).ToEquatableArray(),
        };
    }

    /// <summary>Sets a scalar gradient output, or adds to it when the request accumulates.</summary>
    private void WriteOutput(string gradient, Expr value)
    {
        if (!request.Accumulates)
        {
            output.Add(new CodeAssign(gradient, value));
        }
        else if (value is not Constant { Value: 0.0 })
        {
            output.Add(new CodeAddTo(gradient, value));
        }
    }

    private void ReverseBlock(IReadOnlyList<Stmt> block)
    {
        for (int i = block.Count - 1; i >= 0; i--)
        {
            switch (block[i])
            {
                case AssignStatement step when chainSteps.ContainsKey(step):
                    ReverseChainStep(step);
                    break;
                case AssignStatement assign when active.Contains(assign.Target):
                    ReverseAssign(assign);
                    break;
                case IfStatement branch:
                    ReverseIf(branch);
                    break;
                case ElementAssignStatement element:
                    ReverseElementAssign(element);
                    break;
                case ForStatement loop:
                    ReverseFor(loop);
                    break;
                case VectorCallStatement call when active.Contains(call.Output):
                    ReverseVectorCall(call);
                    break;
            }
        }
    }

    private void ReverseAssign(AssignStatement assign)
    {
        if (!HasAdjoint(assign.Target))
        {
            return;
        }

        if (assign.Note.Line > 0)
        {
            output.Add(CodeBlankLine.Instance);
            output.Add(new CodeComment(DescribeLine(assign.Note)));
        }

        Expr adjoint = TakeAdjoint(assign.Target);
        if (adjoint is Constant { Value: 0.0 })
        {
            return;
        }

        if (invariantStarts.Contains(assign))
        {
            // d(start) equals the accumulator's adjoint in every iteration: nothing to add back.
            return;
        }

        if (backEdges.Contains(assign) && !invariantBackEdges.Contains(assign) && accumulators.TryGetValue(assign.Target, out string? accumulator))
        {
            // A carried variable's adjoint is reused by every iteration: hand this one on, then restart it.
            string handed = names.Allocate(AdjointStem(ExprName(assign.Value) ?? assign.Target));
            output.Add(new CodeDeclare(handed, ValueKind.Double, adjoint));
            output.Add(new CodeAssign(accumulator, Constant.Zero));
            adjoint = new Variable(handed, ValueKind.Double);
        }

        currentRoot = assign;
        // A value whose adjoint came through a saturating partial hands that on to everything below it.
        bool saturated = saturatedValues.Contains(assign.Target);
        bool byPath = IsPathDependent(adjoint) && !HasOnlyConstantPartials(assign.Value);
        saturating += saturated ? 1 : 0;
        if (byPath || (saturated && HasUnboundedPartials(assign.Value)))
        {
            AssignStatement root = assign;
            Guarded(adjoint, ActiveScalarsOf(assign.Value), () =>
            {
                currentRoot = root;
                Backpropagate(root.Value, adjoint);
            }, bySaturation: !byPath && !Selects(assign.Value));
        }
        else
        {
            Backpropagate(assign.Value, adjoint);
        }

        saturating -= saturated ? 1 : 0;
        currentRoot = null;
    }

    private void ReverseIf(IfStatement branch)
    {
        var inside = new HashSet<string>();
        CollectActiveNames(branch.Then, inside);
        CollectActiveNames(branch.Else, inside);
        if (inside.Count == 0 && !Activity.HasActiveWork(branch.Then, active) && !Activity.HasActiveWork(branch.Else, active))
        {
            return;
        }

        output.Add(CodeBlankLine.Instance);
        output.Add(new CodeComment(DescribeLine(branch.Note) + "  (replayed: only the branch taken is differentiated)"));
        EvaluatePendingReadsOfArraysWrittenIn(branch.Then);
        EvaluatePendingReadsOfArraysWrittenIn(branch.Else);
        HashSet<string> definedInThen = DefinedNames(branch.Then);
        HashSet<string> definedInElse = DefinedNames(branch.Else);
        // Materialised before the branch: adjoints queued after it, names defined before it, and
        // names both branches define (a merge), whose adjoint both replayed branches must see.
        foreach (string name in inside.Where(n => pending.ContainsKey(n) || definedInThen.Contains(n) == definedInElse.Contains(n)).OrderBy(n => n, System.StringComparer.Ordinal))
        {
            Materialize(name);
        }

        List<CodeStmt> saved = output;
        output = new List<CodeStmt>();
        ReverseBlock(branch.Then);
        List<CodeStmt> then = output;
        output = new List<CodeStmt>();
        ReverseBlock(branch.Else);
        List<CodeStmt> otherwise = output;
        output = saved;
        if (then.Count > 0 || otherwise.Count > 0)
        {
            output.Add(new CodeIf(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
        }
    }

    private void Backpropagate(Expr expr, Expr adjoint)
    {
        if (!Activity.IsActive(expr, active))
        {
            return;
        }

        switch (expr)
        {
            case Variable variable:
                if (saturating > 0)
                {
                    saturatedValues.Add(variable.Name);
                }

                AddContribution(variable.Name, adjoint);
                break;
            case Binary binary when binary.Left == binary.Right && binary.Operator is BinaryOperator.Add or BinaryOperator.Multiply:
                // a + a and a * a: one contribution, 2 * adjoint (times a), rather than two equal ones.
                Expr twice = E.Mul(E.Num(2), adjoint);
                Backpropagate(binary.Left, binary.Operator == BinaryOperator.Add ? twice : E.Mul(twice, binary.Left));
                break;
            case Unary or Binary or Call when RuleTable.ScalarRuleOf(expr) is { } rule:
                BackpropagateThroughRule(expr, rule, adjoint);
                break;
            case ElementRead read:
                AddElementContribution(read.Array, read.Index, adjoint);
                break;
            case VectorCall vector:
                BackpropagateVectorCall(vector, adjoint);
                break;
            case UserCall call:
                BackpropagateUserCall(call, adjoint);
                break;
        }
    }

    /// <summary>Reverse mode of a scalar rule: each active operand receives adjoint x its partial.</summary>
    private void BackpropagateThroughRule(Expr node, ScalarRule rule, Expr adjoint)
    {
        (Expr? first, Expr? second) = RuleTable.OperandsOf(node);
        Expr shared = Share(node, adjoint, ActiveCount(first!, second));
        var operands = new RuleOperands(first!, second, SelfOf(node));
        bool saturates = rule.Saturates(operands);
        Expr firstPartial = rule.Partial(operands, 0);
        int through = saturates && !Scaling.CannotRoundToZero(firstPartial) ? 1 : 0;
        saturating += through;
        Backpropagate(first!, Scaling.Scale(shared, firstPartial));
        saturating -= through;
        if (second is not null && Activity.IsActive(second, active))
        {
            Expr secondPartial = rule.Partial(operands, 1);
            through = saturates && !Scaling.CannotRoundToZero(secondPartial) ? 1 : 0;
            saturating += through;
            Backpropagate(second, Scaling.Scale(shared, secondPartial));
            saturating -= through;
        }
    }

    /// <summary>The value of a node whose own value a rule reads: the root was named by its statement, inner ones by temporaries.</summary>
    private Expr SelfOf(Expr node) => currentRoot is not null && node == currentRoot.Value ? new Variable(currentRoot.Target, ValueKind.Double) : node;

    /// <summary>Names an adjoint that several children read, so it is computed once.</summary>
    private Expr Share(Expr node, Expr adjoint, int uses)
    {
        adjoint = Simplifier.Simplify(adjoint);
        if (uses < 2 || ForwardPreparation.IsAtomic(adjoint))
        {
            return adjoint;
        }

        string name = names.Allocate("d" + Names.Capitalize(Names.StemOf(node)));
        output.Add(new CodeDeclare(name, ValueKind.Double, adjoint));
        return new Variable(name, ValueKind.Double);
    }

    private int ActiveCount(Expr first, Expr? second) =>
        (Activity.IsActive(first, active) ? 1 : 0) + (second is not null && Activity.IsActive(second, active) ? 1 : 0);

    private void AddContribution(string name, Expr contribution)
    {
        if (fusion is not null && !fusion.BodyNames.Contains(name))
        {
            RouteToPartialGradient(name, contribution);
            return;
        }

        if (accumulators.TryGetValue(name, out string? accumulator))
        {
            output.Add(new CodeAddTo(accumulator, contribution));
            return;
        }

        if (!pending.TryGetValue(name, out List<Expr>? list))
        {
            list = new List<Expr>();
            pending[name] = list;
        }

        list.Add(contribution);
        if (list.Count == MaxPendingTerms)
        {
            // A value used very many times (x in x + x + ... + x): sum what has come so far into a
            // partial adjoint, so no adjoint is one huge expression.
            Expr sum = SumOfPending(name);
            if (!ForwardPreparation.IsAtomic(sum))
            {
                string partial = names.Allocate(AdjointStem(name) + "Partial");
                output.Add(new CodeDeclare(partial, ValueKind.Double, sum));
                sum = new Variable(partial, ValueKind.Double);
            }

            pending[name] = new List<Expr> { sum };
        }
    }

    /// <summary>How many contributions an adjoint collects before they are summed into a partial adjoint.</summary>
    private const int MaxPendingTerms = 32;

    private bool HasAdjoint(string name) => accumulators.ContainsKey(name) || pending.ContainsKey(name);

    private Expr TakeAdjoint(string name)
    {
        if (accumulators.TryGetValue(name, out string? accumulator))
        {
            return new Variable(accumulator, ValueKind.Double);
        }

        Expr sum = SumOfPending(name);
        if (ForwardPreparation.IsAtomic(sum))
        {
            return sum;
        }

        string adjointName = names.Allocate(AdjointStem(name));
        output.Add(new CodeDeclare(adjointName, ValueKind.Double, sum));
        if (MayBeZeroByPath(sum))
        {
            accumulatorNames.Add(adjointName);
        }

        return new Variable(adjointName, ValueKind.Double);
    }

    private Expr SumOfPending(string name)
    {
        if (!pending.TryGetValue(name, out List<Expr>? list) || list.Count == 0)
        {
            return Constant.Zero;
        }

        pending.Remove(name);
        // Constant contributions (x + x + x gives 1 three times) are added up first: 3, not 1 + 1 + 1.
        List<Expr> terms = list.Where(e => e is not Constant).ToList();
        double constants = list.OfType<Constant>().Sum(c => c.Value);
        if (constants != 0.0 || terms.Count == 0)
        {
            terms.Add(new Constant(constants));
        }

        return Simplifier.Simplify(terms.Skip(1).Aggregate(terms[0], E.Add));
    }

    /// <summary>Declares the adjoint of <paramref name="name"/> as a mutable accumulator before a branch or loop adds to it.</summary>
    private void Materialize(string name)
    {
        if (accumulators.ContainsKey(name) || (fusion is not null && !fusion.BodyNames.Contains(name)))
        {
            return;
        }

        Expr sum = SumOfPending(name);
        if (parameterGradients.TryGetValue(name, out string? gradient))
        {
            WriteOutput(gradient, sum);
            accumulators[name] = gradient;
            return;
        }

        string adjointName = names.Allocate(AdjointStem(name));
        output.Add(new CodeDeclare(adjointName, ValueKind.Double, sum));
        accumulators[name] = adjointName;
        if (sum is Constant { Value: 0.0 } || ExprRewriter.ReadsAny(sum, accumulatorNames) || MayBeZeroByPath(sum))
        {
            // Starts at 0 (or at an adjoint that may itself be 0): 0 whenever no path taken adds to it.
            accumulatorNames.Add(adjointName);
        }
    }

    /// <summary>The active names a block's reverse code touches: active targets and the active scalars their values (and active element writes) read.</summary>
    private void CollectActiveNames(IEnumerable<Stmt> block, HashSet<string> into)
    {
        foreach (Stmt statement in StatementWalker.All(block))
        {
            if (statement is AssignStatement assign && active.Contains(assign.Target))
            {
                into.Add(assign.Target);
                into.UnionWith(ActiveScalarsOf(assign.Value));
            }
            else if (statement is ElementAssignStatement element && active.Contains(element.Array))
            {
                into.UnionWith(ActiveScalarsOf(element.Value));
            }
            else if (statement is VectorCallStatement call && active.Contains(call.Output))
            {
                into.UnionWith(call.Arguments.SelectMany(ActiveScalarsOf));
            }
        }
    }

    /// <summary>Every name assigned in <paramref name="block"/>, nested branches and loops included.</summary>
    private static HashSet<string> DefinedNames(IEnumerable<Stmt> block) => new(StatementWalker.AssignedNames(block));

    private static string? ExprName(Expr expr) => expr is Variable v ? v.Name : null;

    private static string DescribeLine(SourceNote note) =>
        note.Line > 0 ? "Line " + note.Line.ToString(CultureInfo.InvariantCulture) + (note.InMethod is null ? string.Empty : " of " + note.InMethod) + ": " + note.Text : note.Text;

    /// <summary>
    /// The name of a value's adjoint: <c>d</c> and the source name the value came from, without the
    /// suffix SSA gave it (<c>z2</c> → <c>dz</c>, <c>loss3</c> → <c>dLoss</c>), so the reverse sweep
    /// reads like a hand derivation; the allocator numbers repeats.
    /// </summary>
    private string AdjointStem(string value)
    {
        string stem = names.SourceNameOf(value);
        return "d" + (stem.Length == 1 ? stem : Names.Capitalize(stem));
    }

}
