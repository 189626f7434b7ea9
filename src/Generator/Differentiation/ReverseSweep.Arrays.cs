using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Rules;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Arrays: element adjoints live in adjoint spans (the gradient output of a differentiated array
/// parameter, or a pooled buffer beside a local array); an element write hands its adjoint to the
/// written value, zeroes it and restores the old element; the SymMath vector functions have
/// loop-shaped adjoints.
/// </summary>
internal sealed partial class ReverseSweep
{
    private readonly Dictionary<string, string> arrayAdjoints = new();

    /// <summary>Arrays a fused loop writes once per element: their saved old elements are never restored (the plan's dead saves).</summary>
    private bool IsScratchOfFusedLoop(string array) => fusion is not null && fusion.WrittenOnce.Contains(array);

    /// <summary>Saved old elements whose restores no code would read (<see cref="DeadRestores"/>).</summary>
    private HashSet<string> deadRestores = new();

    /// <summary>
    /// Puts an overwritten element back for the reverse code after it, first evaluating the queued contributions that
    /// read the array; a restore nothing reads is left out, and so is the save it would read.
    /// </summary>
    private void Restore(ElementAssignStatement element)
    {
        EvaluatePendingReadsOf(element.Array);
        if (deadRestores.Contains(element.Saved!))
        {
            if (!droppedSaves.Contains(element.Saved!))
            {
                droppedSaves.Add(element.Saved!);
            }

            return;
        }

        output.Add(new CodeAssign(element.Array, new Variable(element.Saved!, ValueKind.Double), element.Index));
    }

    private void DeclareArrayAdjoints(IReadOnlyList<Stmt> body, IEnumerable<ParameterModel> differentiated)
    {
        foreach (ParameterModel parameter in differentiated.Where(p => p.IsArray))
        {
            arrayAdjoints[parameter.Name] = parameter.GradientName;
        }

        // A vector-valued method's output span: its adjoint is a pooled buffer the emitter rents (seeded by the pullback's seed sum).
        if (request.VectorOutput is { } vectorOutput && active.Contains(vectorOutput))
        {
            arrayAdjoints[vectorOutput] = names.Allocate(AdjointStem(vectorOutput));
        }

        // Local arrays are declared at the top level of the source, but an early return moves the
        // statements after it into a branch, so declarations are looked for in branches too.
        foreach (ArrayDeclareStatement declare in ArrayDeclarationsIn(body).Where(d => active.Contains(d.Name)))
        {
            arrayAdjoints[declare.Name] = names.Allocate(AdjointStem(declare.Name));
        }
    }

    /// <summary>The array declarations of a block and its branches (not of loop bodies).</summary>
    internal static IEnumerable<ArrayDeclareStatement> ArrayDeclarationsIn(IEnumerable<Stmt> block) =>
        StatementWalker.All(block, intoLoops: false).OfType<ArrayDeclareStatement>();

    private void AddElementContribution(string array, Expr index, Expr contribution)
    {
        if (fusion is not null && !IsWrittenIn(fusion.Loop.Body, array))
        {
            output.Add(new CodeAddTo(PartialGradientBuffer(array), contribution, index));
            return;
        }

        if (arrayAdjoints.TryGetValue(array, out string? adjoint))
        {
            output.Add(new CodeAddTo(adjoint, contribution, index));
        }
    }

    /// <summary>
    /// Where a fused loop accumulates an outer array's partial gradient: straight into the gradient
    /// output when no later statement reads the array and the output starts cleared (not in a
    /// pullback, whose outputs hold the caller's sums), otherwise a pooled buffer. The reverse sweep
    /// scales the output by the sum's adjoint before it reaches any earlier statement, so at that point
    /// the output holds this loop's partials only (earlier fused loops over the array used buffers).
    /// </summary>
    private string PartialGradientBuffer(string array)
    {
        PartialBuffer? existing = fusion!.Arrays.FirstOrDefault(a => a.Outer == array);
        if (existing is not null)
        {
            return existing.Buffer;
        }

        bool direct = !request.Accumulates && parameterGradients.ContainsKey(array)
            && !topLevel.SkipWhile(s => !ReferenceEquals(s, fusion.Loop)).Skip(1).Any(s => LoopFusion.References(s, array));
        string buffer = direct ? arrayAdjoints[array] : names.Allocate("g" + Names.Capitalize(array));
        fusion.Arrays.Add(new PartialBuffer(array, buffer, direct));
        return buffer;
    }

    private static bool IsWrittenIn(IEnumerable<Stmt> block, string array) => StatementWalker.WrittenArrays(block).Contains(array);

    private void ReverseElementAssign(ElementAssignStatement element)
    {
        if (!arrayAdjoints.TryGetValue(element.Array, out string? adjoint))
        {
            // An array without derivatives: only its old element comes back, for the reverse code before it.
            if (element.Saved is not null && !IsScratchOfFusedLoop(element.Array))
            {
                Restore(element);
            }

            return;
        }

        if (element.Note.Line > 0)
        {
            output.Add(CodeBlankLine.Instance);
            output.Add(new CodeComment(DescribeLine(element.Note)));
        }

        string handed = names.Allocate("d" + Names.Capitalize(element.Array) + "Element");
        output.Add(new CodeDeclare(handed, ValueKind.Double, new ElementRead(adjoint, element.Index, ValueKind.Double)));
        (Expr Operand, bool Negated)? inPlace = InPlaceUpdate(element);
        if (inPlace is null)
        {
            output.Add(new CodeAssign(adjoint, Constant.Zero, element.Index));
        }

        if (element.Saved is not null && !IsScratchOfFusedLoop(element.Array))
        {
            Restore(element);
        }

        var handedValue = new Variable(handed, ValueKind.Double);
        if (inPlace is { } update)
        {
            // a[j] = a[j] + e: the old element's adjoint is the new one's, which stays where it is.
            Backpropagate(update.Operand, update.Negated ? E.Neg(handedValue) : handedValue);
            return;
        }

        Backpropagate(element.Value, handedValue);
    }

    /// <summary>
    /// For <c>a[j] = a[j] + e</c>, <c>a[j] = e + a[j]</c> or <c>a[j] = a[j] - e</c> with <c>e</c> not reading
    /// <c>a</c>: <c>e</c>, and whether it is subtracted. Null for any other element write.
    /// </summary>
    private static (Expr Operand, bool Negated)? InPlaceUpdate(ElementAssignStatement element)
    {
        bool Same(Expr operand) => operand is ElementRead read && read.Array == element.Array && read.Index == element.Index;
        bool Other(Expr operand) => !Normalization.ExprRewriter.Reads(operand, element.Array);
        return element.Value switch
        {
            Binary { Operator: BinaryOperator.Add, Left: var left, Right: var right } when Same(left) && Other(right) => (right, false),
            Binary { Operator: BinaryOperator.Add, Left: var left, Right: var right } when Same(right) && Other(left) => (left, false),
            Binary { Operator: BinaryOperator.Subtract, Left: var left, Right: var right } when Same(left) && Other(right) => (right, true),
            _ => null,
        };
    }

    /// <summary>
    /// Before a loop's or branch's reverse code restores elements, the queued contributions that read
    /// those arrays are evaluated at the enclosing level, where their values are still the ones read.
    /// </summary>
    private void EvaluatePendingReadsOfArraysWrittenIn(IEnumerable<Stmt> block)
    {
        foreach (string array in ArraysWrittenIn(block).Distinct())
        {
            EvaluatePendingReadsOf(array);
        }
    }

    private static IEnumerable<string> ArraysWrittenIn(IEnumerable<Stmt> block) => StatementWalker.WrittenArrays(block);

    /// <summary>
    /// Queued contributions that read the array are evaluated now, before the restore changes the
    /// element they read (they were formed after the write, so they must see the written value).
    /// </summary>
    private void EvaluatePendingReadsOf(string array)
    {
        foreach (KeyValuePair<string, List<Expr>> entry in pending)
        {
            for (int i = 0; i < entry.Value.Count; i++)
            {
                Expr contribution = entry.Value[i];
                if (Normalization.ExprRewriter.Reads(contribution, array))
                {
                    string name = names.Allocate(AdjointStem(entry.Key) + "Part");
                    output.Add(new CodeDeclare(name, ValueKind.Double, Simplification.Simplifier.Simplify(contribution)));
                    entry.Value[i] = new Variable(name, ValueKind.Double);
                }
            }
        }
    }

    /// <summary>Reverse mode of a vector rule: one loop adds adjoint x partial into every element's adjoint.</summary>
    private void BackpropagateVectorCall(VectorCall call, Expr adjoint)
    {
        VectorRule rule = RuleTable.VectorRuleOf(call.Function);
        adjoint = Share(call, adjoint, uses: 2);
        Expr self = SelfOf(call);
        var named = new List<Expr>();
        foreach (Expr value in rule.Prelude(call, self))
        {
            string name = names.Allocate(call.Function == VectorFunction.LogSoftmax ? "logSumExp" : Names.StemOf(value));
            output.Add(new CodeDeclare(name, ValueKind.Double, value));
            named.Add(E.Var(name));
        }

        var j = new Variable(names.Allocate("j"), ValueKind.Int);
        List<CodeStmt> saved = output;
        output = new List<CodeStmt>();
        foreach (ElementPartial partial in rule.ElementPartials(call, self, j, named).Where(p => active.Contains(p.Array)))
        {
            AddElementContribution(partial.Array, j, Scaling.Scale(adjoint, partial.Partial));
        }

        List<CodeStmt> body = output;
        output = saved;
        output.Add(new CodeFor(j.Name, new IntConstant(0), new LengthOf(call.First), false, body.ToEquatableArray()));
        foreach (PointPartial point in rule.PointPartials(call))
        {
            AddElementContribution(point.Array, point.Index, Scaling.Scale(adjoint, point.Partial));
        }
    }
}
