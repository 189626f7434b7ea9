using System.Globalization;
using CsCheck;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// A random scalar expression over x, y and z built from every supported operation, rendered as
/// C#. Functions with a restricted domain get an argument that stays inside it (log of 0.5 + a*a,
/// sqrt of 0.25 + a*a, division by 0.5 + b*b), so the property is about derivatives, not domains.
/// </summary>
public abstract record RandomExpression
{
    public abstract string Render();

    public sealed record Variable(int Index) : RandomExpression
    {
        public override string Render() => Index switch { 0 => "x", 1 => "y", _ => "z" };
    }

    public sealed record Literal(double Value) : RandomExpression
    {
        public override string Render() => Value.ToString("0.0##", CultureInfo.InvariantCulture);
    }

    public sealed record Unary(string Function, RandomExpression Argument) : RandomExpression
    {
        public override string Render() => DomainSafeForms.Unary(Function, Argument.Render());
    }

    public sealed record Binary(string Operator, RandomExpression Left, RandomExpression Right) : RandomExpression
    {
        public override string Render() => DomainSafeForms.Binary(Operator, Left.Render(), Right.Render());
    }

    public sealed record Conditional(string Test, RandomExpression A, RandomExpression B, RandomExpression WhenTrue, RandomExpression WhenFalse) : RandomExpression
    {
        public override string Render()
        {
            string a = A.Render();
            string b = B.Render();
            string condition = Test switch
            {
                "&&" => $"({a}) > 0 && ({b}) < 1",
                "||" => $"({a}) < -0.5 || ({b}) > 0.5",
                "!" => $"!(({a}) <= ({b}))",
                _ => $"({a}) {Test} ({b})",
            };
            return $"(({condition}) ? ({WhenTrue.Render()}) : ({WhenFalse.Render()}))";
        }
    }

    private static readonly string[] UnaryFunctions =
    {
        "neg", "Exp", "log", "sqrt", "pow2", "pow3", "powHalf", "Sin", "Cos", "Tan", "Atan", "Sinh", "Cosh", "Tanh", "Abs", "sigmoid", "softplus", "relu",
    };

    private static readonly string[] BinaryOperators = { "+", "-", "*", "/", "pow", "max", "min" };

    private static readonly string[] Tests = { "<", ">", "<=", ">=", "&&", "||", "!" };

    private static readonly Gen<RandomExpression> Leaf = Gen.Frequency(
        (3, Gen.Int[0, 2].Select(i => (RandomExpression)new Variable(i))),
        (1, Gen.Int[-20, 20].Select(i => (RandomExpression)new Literal(i / 8.0))));

    /// <summary>Expressions of at most <paramref name="depth"/> levels.</summary>
    public static Gen<RandomExpression> Of(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        Gen<RandomExpression> inner = Of(depth - 1);
        Gen<RandomExpression> unary =
            from f in Gen.OneOf(UnaryFunctions)
            from a in inner
            select (RandomExpression)new Unary(f, a);
        Gen<RandomExpression> binary =
            from op in Gen.OneOf(BinaryOperators)
            from l in inner
            from r in inner
            select (RandomExpression)new Binary(op, l, r);
        Gen<RandomExpression> conditional =
            from test in Gen.OneOf(Tests)
            from a in Leaf
            from b in Leaf
            where a != b
            from t in inner
            from f in inner
            select (RandomExpression)new Conditional(test, a, b, t, f);
        return Gen.Frequency((2, Leaf), (4, unary), (4, binary), (1, conditional));
    }
}
