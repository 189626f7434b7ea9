using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>
/// Writes induction integers in closed form, before SSA (docs/loops-and-arrays.md, "Induction integers in
/// closed form"). An <c>int</c> that an ascending loop changes only by one unconditional step at the top
/// level of its body, <c>v = v + c</c> (or <c>v - c</c>, <c>c + v</c>) with <c>c</c> fixed during the loop,
/// holds <c>v + c * (j - start)</c> before the step of iteration <c>j</c> and one <c>c</c> more after it.
/// Every read in the body is written that way, the step leaves the body, and one step by the trip count
/// <c>Math.Max(start, end) - start</c> follows the loop. Integer arithmetic wraps, so the closed form equals
/// the repeated steps bit for bit, whatever the values.
/// <para>
/// GMM's packed triangle, <c>q[j] = q[j] + icf[lIndex] * c[i]; lIndex++;</c>, so becomes a loop with no
/// carried integer (<c>icf[lIndex + j - i - 1]</c>) that the vector kernels take whole, forward and in reverse.
/// </para>
/// </summary>
internal static class InductionVariables
{
    public static EquatableArray<Stmt> Normalize(IReadOnlyList<Stmt> body) => Block(body).ToEquatableArray();

    private static List<Stmt> Block(IEnumerable<Stmt> block)
    {
        var output = new List<Stmt>();
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case ForStatement loop:
                    // Inner loops first: their closed forms are what the outer loop's body then holds.
                    output.AddRange(Loop(loop with { Body = Block(loop.Body).ToEquatableArray() }));
                    break;
                case IfStatement branch:
                    output.Add(branch with { Then = Block(branch.Then).ToEquatableArray(), Else = Block(branch.Else).ToEquatableArray() });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    /// <summary>The loop with each of its induction integers in closed form, followed by their steps by the trip count.</summary>
    private static List<Stmt> Loop(ForStatement loop)
    {
        var after = new List<Stmt>();
        while (Find(loop) is { } step)
        {
            (loop, Stmt final) = Substitute(loop, step);
            after.Add(final);
        }

        after.Insert(0, loop);
        return after;
    }

    /// <summary>The first top-level step of an induction integer in <paramref name="loop"/>, or null.</summary>
    private static Step? Find(ForStatement loop)
    {
        if (loop.Descending || loop.Exit is not null)
        {
            return null;
        }

        List<Stmt> all = StatementWalker.All(loop.Body);
        var assigned = new HashSet<string>(StatementWalker.AssignedNames(loop.Body));
        if (assigned.Contains(loop.Counter) || all.OfType<ForStatement>().Any(l => l.Counter == loop.Counter)
            || !IsFixed(loop.Start, assigned, loop.Counter) || !IsFixed(loop.End, assigned, loop.Counter))
        {
            return null;
        }

        for (int position = 0; position < loop.Body.Count; position++)
        {
            if (loop.Body[position] is AssignStatement { Value: Binary { ResultKind: ValueKind.Int } value } assign
                && Increment(assign.Target, value) is { } increment
                && all.Count(s => s is AssignStatement a && a.Target == assign.Target) == 1
                && !all.OfType<ForStatement>().Any(l => l.Counter == assign.Target)
                && IsFixed(increment.Amount, assigned, loop.Counter))
            {
                return new Step(assign.Target, position, increment.Amount, increment.Negative, assign.Note);
            }
        }

        return null;
    }

    /// <summary>For <c>v + c</c>, <c>c + v</c> or <c>v - c</c>: the amount and whether it is subtracted.</summary>
    private static (Expr Amount, bool Negative)? Increment(string target, Binary value) => value switch
    {
        { Operator: BinaryOperator.Add, Left: Variable { Kind: ValueKind.Int } v } when v.Name == target && !ExprRewriter.Reads(value.Right, target) => (value.Right, false),
        { Operator: BinaryOperator.Add, Right: Variable { Kind: ValueKind.Int } v } when v.Name == target && !ExprRewriter.Reads(value.Left, target) => (value.Left, false),
        { Operator: BinaryOperator.Subtract, Left: Variable { Kind: ValueKind.Int } v } when v.Name == target && !ExprRewriter.Reads(value.Right, target) => (value.Right, true),
        _ => null,
    };

    /// <summary>
    /// An integer the loop does not change and whose evaluation cannot throw or call out: constants, variables the
    /// body does not assign (not the counter), lengths, <c>+ - *</c>, and integer <c>Max</c> and <c>Min</c> (not <c>Abs</c>, which throws on int.MinValue).
    /// </summary>
    private static bool IsFixed(Expr expr, HashSet<string> assigned, string counter) => expr switch
    {
        IntConstant or LengthOf => true,
        Variable { Kind: ValueKind.Int } v => v.Name != counter && !assigned.Contains(v.Name),
        Binary { ResultKind: ValueKind.Int, Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } b
            => IsFixed(b.Left, assigned, counter) && IsFixed(b.Right, assigned, counter),
        Unary { Operator: UnaryOperator.Negate, ResultKind: ValueKind.Int } u => IsFixed(u.Operand, assigned, counter),
        IntCall { Function: MathFunction.Max or MathFunction.Min, Second: { } second } c => IsFixed(c.First, assigned, counter) && IsFixed(second, assigned, counter),
        _ => false,
    };

    /// <summary>The loop with <paramref name="step"/>'s integer in closed form, and the step by the trip count that follows it.</summary>
    private static (ForStatement Loop, Stmt Final) Substitute(ForStatement loop, Step step)
    {
        var counter = new Variable(loop.Counter, ValueKind.Int);
        var variable = new Variable(step.Name, ValueKind.Int);
        Expr done = IntegerFolding.Fold(Int(BinaryOperator.Subtract, counter, loop.Start));
        Expr before = Moved(variable, step, done);
        Expr afterStep = Moved(variable, step, IntegerFolding.Fold(Int(BinaryOperator.Add, done, new IntConstant(1))));
        var body = new List<Stmt>();
        for (int position = 0; position < loop.Body.Count; position++)
        {
            if (position != step.Position)
            {
                Expr value = position < step.Position ? before : afterStep;
                body.Add(ExprRewriter.RewriteExpressions(loop.Body[position], e => e is Variable v && v.Name == step.Name ? value : e));
            }
        }

        // v + c * trips, the sum unfolded: the enclosing loop's reverse runs v back by the same amount (IntegerChains).
        Expr trips = IntegerFolding.Fold(Int(BinaryOperator.Subtract, new IntCall(MathFunction.Max, loop.Start, loop.End), loop.Start));
        Expr total = step.Amount is IntConstant { Value: 1 } ? trips : Int(BinaryOperator.Multiply, step.Amount, trips);
        var final = new AssignStatement(step.Name, Int(step.Negative ? BinaryOperator.Subtract : BinaryOperator.Add, variable, total), step.Note);
        return (loop with { Body = body.ToEquatableArray() }, final);
    }

    /// <summary><c>v + c * count</c> (or <c>v - c * count</c>), folded.</summary>
    private static Expr Moved(Variable variable, Step step, Expr count)
    {
        Expr scaled = step.Amount is IntConstant { Value: 1 } ? count : Int(BinaryOperator.Multiply, step.Amount, count);
        return IntegerFolding.Fold(Int(step.Negative ? BinaryOperator.Subtract : BinaryOperator.Add, variable, scaled));
    }

    private static Expr Int(BinaryOperator op, Expr left, Expr right) => new Binary(op, left, right, ValueKind.Int);

    /// <summary>An induction integer's step: the statement's position at the top level of the body, its amount and sign.</summary>
    private sealed record Step(string Name, int Position, Expr Amount, bool Negative, SourceNote Note);
}
