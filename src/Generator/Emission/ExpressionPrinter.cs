using System.Linq;
using System.Globalization;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints IR expressions as C#, with the fewest parentheses that keep the exact evaluation order
/// (floating-point addition is not associative, so a right operand of equal precedence is always
/// parenthesised). Literals are invariant-culture and round-trip exactly.
/// </summary>
internal sealed class ExpressionPrinter
{
    private const int ConditionalPrecedence = 1;
    private const int UnaryPrecedence = 10;
    private const int PrimaryPrecedence = 11;

    /// <summary>The name of the method's tape, which pops print against.</summary>
    private readonly string tape;

    /// <summary>The name of the tangent tape (forward mode over a taped loop).</summary>
    private readonly string tangentTape;

    public ExpressionPrinter(string tape, string? tangentTape = null)
    {
        this.tape = tape;
        this.tangentTape = tangentTape ?? "tangentTape";
    }

    /// <summary>A printer for one method's generated code: its tape names, its <c>ExactSums</c> and its precision.</summary>
    public static ExpressionPrinter For(Model.MethodModel method, string tape, string? tangentTape = null) =>
        new(tape, tangentTape) { ExactSums = method.ExactSums, Real = RealText.Of(method) };

    /// <summary>The real type's text: literals, <c>Math</c> or <c>MathF</c>, casts.</summary>
    public RealText Real { get; init; } = RealText.Of(Model.Precision.Double);

    public string TapeName => tape;

    /// <summary>Whether sums keep the source's order (the method's <c>ExactSums</c>): no loop becomes a <c>Kernels.Dot</c> call.</summary>
    public bool ExactSums { get; init; }

    public string TangentTapeName => tangentTape;

    public string Print(Expr expr) => Print(expr, 0, rightOperand: false);

    private string Print(Expr expr, int parentPrecedence, bool rightOperand)
    {
        int precedence = PrecedenceOf(expr);
        string text = PrintNode(expr);
        bool needsParentheses = precedence < parentPrecedence || (rightOperand && precedence == parentPrecedence && precedence != PrimaryPrecedence);
        return needsParentheses ? "(" + text + ")" : text;
    }

    private string PrintNode(Expr expr) => expr switch
    {
        Constant c => Real.Literal(c.Value),
        IntConstant i => i.Value.ToString(CultureInfo.InvariantCulture),
        BoolConstant b => b.Value ? "true" : "false",
        Variable v => v.Name,
        Opaque o => o.Code,
        Unary u => PrintUnary(u),
        Binary b => Print(b.Left, PrecedenceOf(b), false) + " " + Symbol(b.Operator) + " " + Print(b.Right, PrecedenceOf(b), true),
        Call c => FunctionName(c.Function, Real) + "(" + Print(c.First) + (c.Second is null ? string.Empty : ", " + Print(c.Second)) + ")",
        Select s => Print(s.Condition, ConditionalPrecedence + 1, false) + " ? " + Print(s.WhenTrue, ConditionalPrecedence + 1, false) + " : " + Print(s.WhenFalse, ConditionalPrecedence + 1, false),
        ElementRead r => r.Array + "[" + Print(r.Index) + "]",
        MatrixRead m => m.Array + "[" + Print(m.Row) + ", " + Print(m.Column) + "]",
        LengthOf { Dimension: null } l => l.Array + ".Length",
        LengthOf l => l.Array + ".GetLength(" + l.Dimension!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        VectorCall v => "global::SymGrad.SymMath." + v.Function + "(" + v.First + (v.Second is null ? string.Empty : ", " + v.Second) + (v.Index is null ? string.Empty : ", " + Print(v.Index)) + ")",
        UserCall u => u.Callee.Target + "(" + string.Join(", ", u.Arguments.Select(a => Print(a))) + ")",
        ArrayArgument a => a.Array,
        IntCall c => "global::System.Math." + c.Function + "(" + Print(c.First) + (c.Second is null ? string.Empty : ", " + Print(c.Second)) + ")",
        TapePop { PoppedKind: ValueKind.Int } => "(int)" + tape + ".Pop()",
        TapePop { PoppedKind: ValueKind.Bool } => tape + ".Pop() != 0.0",
        TapePop { Tangent: true } => RealPop(tangentTape),
        TapePop => RealPop(tape),
        _ => expr.ToString(),
    };

    /// <summary>A real value popped from a tape (which stores double): a float method casts it back, exactly.</summary>
    private string RealPop(string tapeName) => Real.Precision == Model.Precision.Single ? "(float)" + tapeName + ".Pop()" : tapeName + ".Pop()";

    private string PrintUnary(Unary unary)
    {
        string prefix = unary.Operator switch
        {
            UnaryOperator.Negate => "-",
            UnaryOperator.Not => "!",
            _ => "(" + Real.Keyword + ")",
        };

        // "-(-x)" and "-(-1.0)" keep their parentheses so they never print as the "--" operator.
        bool operandIsNegative = unary.Operand is Unary { Operator: UnaryOperator.Negate } || unary.Operand is Constant { Value: < 0 } || unary.Operand is IntConstant { Value: < 0 };
        string operand = Print(unary.Operand, UnaryPrecedence, false);
        return prefix + (operandIsNegative && !operand.StartsWith("(", System.StringComparison.Ordinal) ? "(" + operand + ")" : operand);
    }

    public static string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "double.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E' }) >= 0 ? text : text + ".0";
    }

    private static int PrecedenceOf(Expr expr) => expr switch
    {
        Select => ConditionalPrecedence,
        Binary { Operator: BinaryOperator.Or } => 2,
        Binary { Operator: BinaryOperator.And } => 3,
        Binary { Operator: BinaryOperator.EagerOr } => 4,
        Binary { Operator: BinaryOperator.EagerAnd } => 5,
        Binary { Operator: BinaryOperator.Equal or BinaryOperator.NotEqual } => 6,
        Binary { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } => 7,
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => 8,
        Binary => 9,
        Unary => UnaryPrecedence,
        Constant { Value: < 0 } => UnaryPrecedence,
        Constant c when double.IsNaN(c.Value) => PrimaryPrecedence,
        IntConstant { Value: < 0 } => UnaryPrecedence,
        TapePop { PoppedKind: ValueKind.Int } => UnaryPrecedence,
        TapePop { PoppedKind: ValueKind.Bool } => 6,
        _ => PrimaryPrecedence,
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "&&",
        BinaryOperator.EagerAnd => "&",
        BinaryOperator.EagerOr => "|",
        _ => "||",
    };

    private static string FunctionName(MathFunction function, RealText real) => function switch
    {
        MathFunction.Sigmoid or MathFunction.Softplus or MathFunction.Relu => "global::SymGrad.SymMath." + function,
        _ => real.Math + "." + function,
    };
}
