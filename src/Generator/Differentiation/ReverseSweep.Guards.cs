using System.Collections.Generic;
using System.Linq;
using System;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Zero-adjoint guards. An adjoint that a branch or a loop adds to (an accumulator) is 0 whenever
/// the path actually taken does not use the value: the branch went the other way, the loop ran no
/// iteration. Then the value contributes nothing, and it must contribute exactly 0, but its local
/// partial derivative may be infinite or NaN there (<c>Math.Sqrt(x)</c> at <c>x = -1</c>,
/// <c>Math.Log(w)</c> at <c>w = 0</c>), and IEEE arithmetic gives 0 * Inf = NaN. So the reverse code
/// of such a value runs under <c>if (dV != 0.0)</c>, unless every partial is a constant (a copy, a
/// sum), where 0 * constant is 0 anyway. The names that guarded code adds to become accumulators
/// declared before the guard, exactly as for a replayed branch. The side of a min, max, abs or relu
/// that is not taken is the same case within one expression: its adjoint is a select with a 0 arm.
/// In a Hessian-vector product (<c>Forward/TangentTransform</c>) a guard also runs its block when the
/// adjoint's tangent is not 0: an adjoint can be 0 by value (a weight at 0) while its tangent is not,
/// and the tangent code inside must then run; where it is 0 by the path, its tangent is 0 too.
/// An adjoint can also be 0 by saturation: it came through a partial of a saturating rule (atan's
/// 1 / (1 + x^2), exp's value toward -Inf) that rounded to 0 because the operand overflowed, and the
/// operand's own partials are then infinite (<c>Math.Atan(Math.Cosh(Math.Cosh(x)))</c>). So a value whose adjoint
/// came through such a partial, directly or through the statements below it, has its reverse code guarded when
/// one of its partials can be infinite (an exp, log, square root, power, sinh, cosh or tan; not a product or
/// quotient, so dot products and row loops stay unguarded). Such a guard is not a path: the names it adds to are
/// saturated in turn, not accumulators whose every later statement is guarded, unless the statement itself selects
/// (a min or max in it hands on adjoints that are 0 by the path).
/// </summary>
internal sealed partial class ReverseSweep
{
    /// <summary>
    /// Whether <paramref name="adjoint"/> is 0 whenever the path taken does not use the value: an accumulator, or an
    /// adjoint that a <c>Math.Min</c>, <c>Math.Max</c>, <c>Math.Abs</c> or <c>SymMath.Relu</c> hands on only on one side
    /// of its comparison (a select with a 0 arm), scaled or negated.
    /// </summary>
    private bool IsPathDependent(Expr adjoint) => MayBeZeroByPath(adjoint);

    /// <summary>
    /// The adjoints that are 0 whenever the path taken does not use their value: accumulators that start at 0 or at
    /// such an adjoint, and adjoints declared as a select with a 0 arm (or a product, quotient, negation or sum of such).
    /// </summary>
    private readonly HashSet<string> accumulatorNames = new();

    private bool MayBeZeroByPath(Expr expr) => expr switch
    {
        Variable v => accumulatorNames.Contains(v.Name),
        Select s => s.WhenTrue is Constant { Value: 0.0 } || s.WhenFalse is Constant { Value: 0.0 } || MayBeZeroByPath(s.WhenTrue) || MayBeZeroByPath(s.WhenFalse),
        Unary { Operator: UnaryOperator.Negate } u => MayBeZeroByPath(u.Operand),
        Binary { Operator: BinaryOperator.Multiply } b => MayBeZeroByPath(b.Left) || MayBeZeroByPath(b.Right),
        Binary { Operator: BinaryOperator.Divide } b => MayBeZeroByPath(b.Left),
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => MayBeZeroByPath(b.Left) && MayBeZeroByPath(b.Right),
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="reverse"/> (which writes reverse code into <see cref="output"/>) under
    /// <c>if (adjoint != 0.0)</c>, after materialising <paramref name="targets"/>, the names it adds to;
    /// <paramref name="otherwise"/>, if any, runs when the adjoint is 0. A guard <paramref name="bySaturation"/> alone
    /// leaves the names it adds to saturated, not path-dependent.
    /// </summary>
    private void Guarded(Expr adjoint, IEnumerable<string> targets, Action reverse, EquatableArray<CodeStmt>? otherwise = null, bool bySaturation = false)
    {
        foreach (string name in targets.Distinct().OrderBy(n => n, StringComparer.Ordinal))
        {
            bool saturationOnly = bySaturation && !WasPathDependent(name);
            Materialize(name);
            if (saturationOnly && accumulators.TryGetValue(name, out string? accumulator))
            {
                // 0 where the saturated adjoint is, not by the path: the statements below are guarded only where their partials can be infinite.
                accumulatorNames.Remove(accumulator);
                saturatedValues.Add(name);
            }
        }

        List<CodeStmt> saved = output;
        output = new List<CodeStmt>();
        reverse();
        List<CodeStmt> guarded = output;
        output = saved;
        output.Add(new CodeIf(E.Compare(BinaryOperator.NotEqual, adjoint, Constant.Zero), guarded.ToEquatableArray(), otherwise ?? EquatableArray<CodeStmt>.Empty, ZeroGuard: true));
    }

    /// <summary>Whether the adjoint of <paramref name="name"/> is path-dependent already: its accumulator is, or a pending contribution reads one or is a select with a 0 arm.</summary>
    private bool WasPathDependent(string name) =>
        (accumulators.TryGetValue(name, out string? accumulator) && accumulatorNames.Contains(accumulator))
        || (pending.TryGetValue(name, out List<Expr>? terms) && terms.Any(t => ExprRewriter.ReadsAny(t, accumulatorNames) || MayBeZeroByPath(t)));

    /// <summary>Whether every local partial derivative of <paramref name="expr"/> is a constant (so 0 * partial is 0).</summary>
    private static bool HasOnlyConstantPartials(Expr expr) => expr switch
    {
        Variable or Constant or IntConstant or Opaque or ElementRead or LengthOf => true,
        Unary { Operator: UnaryOperator.Negate or UnaryOperator.ToDouble } u => HasOnlyConstantPartials(u.Operand),
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => HasOnlyConstantPartials(b.Left) && HasOnlyConstantPartials(b.Right),
        Binary { Operator: BinaryOperator.Multiply, Left: Constant } b => HasOnlyConstantPartials(b.Right),
        Binary { Operator: BinaryOperator.Multiply, Right: Constant } b => HasOnlyConstantPartials(b.Left),
        Binary { Operator: BinaryOperator.Divide, Right: Constant { Value: not 0.0 } } b => HasOnlyConstantPartials(b.Left),
        _ => false,
    };

    /// <summary>The values whose adjoint came through a saturating partial (<see cref="Rules.ScalarRule.Saturates"/>), directly or through the statements below it.</summary>
    private readonly HashSet<string> saturatedValues = new();

    /// <summary>How many saturating partials (or saturated statements) the adjoint being propagated has come through (0: none); a value it reaches is saturated.</summary>
    private int saturating;

    /// <summary>
    /// Whether a partial of <paramref name="expr"/> can be infinite where a saturating function above it has made the
    /// adjoint 0: a function whose value overflows (exp, sinh, cosh, pow, tan) or whose partial is infinite at 0 (log,
    /// sqrt). Products and quotients are left out: their partials are finite where their value is, and guarding them
    /// would put a branch in every dot product and row loop.
    /// </summary>
    private static bool HasUnboundedPartials(Expr expr) => expr switch
    {
        Call { Function: MathFunction.Exp or MathFunction.Log or MathFunction.Sqrt or MathFunction.Pow or MathFunction.Sinh or MathFunction.Cosh or MathFunction.Tan } => true,
        Call call => HasUnboundedPartials(call.First) || (call.Second is not null && HasUnboundedPartials(call.Second)),
        Binary b => HasUnboundedPartials(b.Left) || HasUnboundedPartials(b.Right),
        Unary u => HasUnboundedPartials(u.Operand),
        Select s => HasUnboundedPartials(s.WhenTrue) || HasUnboundedPartials(s.WhenFalse),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="expr"/> hands an adjoint on through a select: a <c>?:</c>, or a node whose rule's partial
    /// is a select (<c>Math.Min</c>, <c>Math.Max</c>, <c>Math.Abs</c>, <c>SymMath.Relu</c>, a power's exponent), asked of
    /// the rule table itself. Such contributions are 0 by the path, and a guard around the statement's reverse code must
    /// leave the names it adds to path-dependent.
    /// </summary>
    private static bool Selects(Expr expr)
    {
        if (expr is Select)
        {
            return true;
        }

        (Expr? first, Expr? second) = Rules.RuleTable.OperandsOf(expr);
        if (first is null)
        {
            return false;
        }

        if (Rules.RuleTable.ScalarRuleOf(expr) is { } rule)
        {
            var operands = new Rules.RuleOperands(first, second, expr);
            if (rule.Partial(operands, 0) is Select || (second is not null && rule.Partial(operands, 1) is Select))
            {
                return true;
            }
        }

        return Selects(first) || (second is not null && Selects(second));
    }

    /// <summary>The active scalars <paramref name="expr"/> reads: what its reverse code adds to.</summary>
    private IEnumerable<string> ActiveScalarsOf(Expr expr) => ExprRewriter.Variables(expr).Where(active.Contains);
}
