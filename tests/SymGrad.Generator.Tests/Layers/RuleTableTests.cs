using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Rules;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// The rule table on its own (Differentiation/Rules): every scalar rule's partial derivatives against
/// central differences of the primitive, evaluated on the IR; every partial reads only the forward
/// values its rule says it needs; the vector rules' element partials likewise.
/// </summary>
public class RuleTableTests
{
    private static readonly Variable A = new("a", ValueKind.Double);
    private static readonly Variable B = new("b", ValueKind.Double);

    public static TheoryData<string, double, double> Points()
    {
        var data = new TheoryData<string, double, double>();
        foreach (MathFunction function in Enum.GetValues<MathFunction>())
        {
            data.Add(function.ToString(), 0.7, 1.3);
            data.Add(function.ToString(), 1.9, 0.4);
        }

        foreach (BinaryOperator op in new[] { BinaryOperator.Add, BinaryOperator.Subtract, BinaryOperator.Multiply, BinaryOperator.Divide })
        {
            data.Add(op.ToString(), 0.7, 1.3);
            data.Add(op.ToString(), -1.9, 0.4);
        }

        data.Add("Negate", 0.7, 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void PartialsMatchCentralDifferences(string primitive, double a, double b)
    {
        Expr node = Node(primitive, A, B);
        ScalarRule rule = RuleTable.ScalarRuleOf(node)!;
        (Expr? first, Expr? second) = RuleTable.OperandsOf(node);
        int operands = second is null ? 1 : 2;
        for (int argument = 0; argument < operands; argument++)
        {
            double self = Value(node, a, b);
            Expr partial = rule.Partial(new RuleOperands(first!, second, new Variable("self", ValueKind.Double)), argument);
            double analytic = new IrEvaluator(new Dictionary<string, double> { ["a"] = a, ["b"] = b, ["self"] = self }).Evaluate(partial);
            const double h = 1e-6;
            double numeric = argument == 0
                ? (Value(node, a + h, b) - Value(node, a - h, b)) / (2 * h)
                : (Value(node, a, b + h) - Value(node, a, b - h)) / (2 * h);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * (1 + Math.Abs(numeric)), $"{rule.Name}, d/d{(argument == 0 ? "a" : "b")} at ({a}, {b}): rule {analytic}, differences {numeric}");
        }
    }

    public static TheoryData<string> Primitives()
    {
        var data = new TheoryData<string> { "Negate", "Add", "Subtract", "Multiply", "Divide" };
        foreach (MathFunction function in Enum.GetValues<MathFunction>())
        {
            data.Add(function.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Primitives))]
    public void PartialsReadOnlyTheValuesTheRuleNeeds(string primitive)
    {
        Expr node = Node(primitive, A, B);
        ScalarRule rule = RuleTable.ScalarRuleOf(node)!;
        (Expr? first, Expr? second) = RuleTable.OperandsOf(node);
        for (int argument = 0; argument < (second is null ? 1 : 2); argument++)
        {
            NeededValues needs = rule.Needs(argument == 0, argument == 1);
            var allowed = new HashSet<string>();
            if (needs.HasFlag(NeededValues.First))
            {
                allowed.Add("a");
            }

            if (needs.HasFlag(NeededValues.Second))
            {
                allowed.Add("b");
            }

            if (needs.HasFlag(NeededValues.Self))
            {
                allowed.Add("self");
            }

            Expr partial = rule.Partial(new RuleOperands(first!, second, new Variable("self", ValueKind.Double)), argument);
            Assert.All(ExprRewriter.Variables(partial), name => Assert.Contains(name, allowed));
        }
    }

    [Fact]
    public void EveryMathFunctionAndArithmeticOperatorHasARule()
    {
        foreach (MathFunction function in Enum.GetValues<MathFunction>())
        {
            Assert.NotNull(RuleTable.ScalarRuleOf(Node(function.ToString(), A, B)));
        }

        foreach (VectorFunction function in Enum.GetValues<VectorFunction>())
        {
            Assert.NotNull(RuleTable.VectorRuleOf(function));
        }
    }

    [Theory]
    [InlineData("LogSumExp")]
    [InlineData("LogSoftmax")]
    [InlineData("Dot")]
    public void VectorRulesElementPartialsMatchCentralDifferences(string name)
    {
        VectorFunction function = Enum.Parse<VectorFunction>(name);
        var arrays = new Dictionary<string, double[]> { ["z"] = new[] { 0.3, -1.2, 2.0, 0.5 }, ["y"] = new[] { 1.5, 0.25, -0.75, 2.0 } };
        var call = new VectorCall(function, "z", function == VectorFunction.Dot ? "y" : null, function == VectorFunction.LogSoftmax ? new IntConstant(2) : null);
        VectorRule rule = RuleTable.VectorRuleOf(function);
        double self = new IrEvaluator(new Dictionary<string, double>(), arrays).Evaluate(call);
        var scalars = new Dictionary<string, double> { ["self"] = self };
        var named = new List<Expr>();
        foreach ((Expr value, int k) in rule.Prelude(call, new Variable("self", ValueKind.Double)).Select((v, k) => (v, k)))
        {
            scalars["prelude" + k] = new IrEvaluator(scalars, arrays).Evaluate(value);
            named.Add(new Variable("prelude" + k, ValueKind.Double));
        }

        foreach (string array in arrays.Keys.Where(n => n == "z" || function == VectorFunction.Dot))
        {
            for (int j = 0; j < 4; j++)
            {
                scalars["j"] = j;
                double analytic = rule.ElementPartials(call, new Variable("self", ValueKind.Double), new Variable("j", ValueKind.Int), named)
                    .Where(p => p.Array == array)
                    .Sum(p => new IrEvaluator(scalars, arrays).Evaluate(p.Partial));
                analytic += rule.PointPartials(call).Where(p => p.Array == array && (int)new IrEvaluator(scalars, arrays).Evaluate(p.Index) == j)
                    .Sum(p => new IrEvaluator(scalars, arrays).Evaluate(p.Partial));
                const double h = 1e-6;
                double saved = arrays[array][j];
                arrays[array][j] = saved + h;
                double up = new IrEvaluator(scalars, arrays).Evaluate(call);
                arrays[array][j] = saved - h;
                double down = new IrEvaluator(scalars, arrays).Evaluate(call);
                arrays[array][j] = saved;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * (1 + Math.Abs(numeric)), $"{function} d/d{array}[{j}]: rule {analytic}, differences {numeric}");
            }
        }
    }

    private static double Value(Expr node, double a, double b) =>
        new IrEvaluator(new Dictionary<string, double> { ["a"] = a, ["b"] = b }).Evaluate(node);

    private static Expr Node(string primitive, Expr a, Expr b)
    {
        if (primitive == "Negate")
        {
            return new Unary(UnaryOperator.Negate, a, ValueKind.Double);
        }

        if (Enum.TryParse(primitive, out BinaryOperator op))
        {
            return new Binary(op, a, b, ValueKind.Double);
        }

        MathFunction function = Enum.Parse<MathFunction>(primitive);
        return function is MathFunction.Pow or MathFunction.Max or MathFunction.Min ? new Call(function, a, b) : new Call(function, a, null);
    }
}
