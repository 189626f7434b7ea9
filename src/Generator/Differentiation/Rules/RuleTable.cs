using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>
/// The one place the generator looks up how to differentiate a node: every primitive (operators,
/// <c>Math</c>/<c>SymMath</c> functions, SymMath vector functions) maps to its rule. Forward
/// preparation asks it what to keep, the reverse sweep multiplies adjoints by its partials.
/// </summary>
internal static class RuleTable
{
    /// <summary>The rule of a double-valued operator or scalar function node, or null for leaves and non-double nodes.</summary>
    public static ScalarRule? ScalarRuleOf(Expr node) => node switch
    {
        Unary { Operator: UnaryOperator.Negate, ResultKind: ValueKind.Double } => ElementaryRules.Negate,
        Binary { ResultKind: ValueKind.Double } binary when ElementaryRules.Operators.TryGetValue(binary.Operator, out ScalarRule? rule) => rule,
        Call call => ElementaryRules.Functions[call.Function],
        _ => null,
    };

    public static VectorRule VectorRuleOf(VectorFunction function) => VectorRules.Functions[function];

    /// <summary>The operands a scalar rule differentiates with respect to, in order.</summary>
    public static (Expr? First, Expr? Second) OperandsOf(Expr node) => node switch
    {
        Binary b => (b.Left, b.Right),
        Call c => (c.First, c.Second),
        Unary u => (u.Operand, null),
        _ => (null, null),
    };

    /// <summary>What the forward sweep must keep for the rule of <paramref name="node"/>, given which operands are active.</summary>
    public static NeededValues Needs(Expr node, bool firstActive, bool secondActive) => node switch
    {
        VectorCall vector => VectorRuleOf(vector.Function).Needs,
        _ => ScalarRuleOf(node)?.Needs(firstActive, secondActive) ?? NeededValues.None,
    };
}
