namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// How the random programs render functions with a restricted domain so their arguments stay inside
/// it (log of 0.5 + a*a, sqrt of 0.25 + a*a, division by 0.5 + b*b, powers of 1 + a*a): the property
/// tests are about derivatives, not domains. Shared by the expression and loop-program generators.
/// Periodic functions get a bounded argument (4 atan(a) for sin and cos, 0.75 atan(a) for tan, away
/// from its poles): of a huge argument (sin(e^50)) they are numerically not differentiable, finite
/// differences alias, and a correct gradient's terms of 1e25 cancel to rounding noise (a call-graph
/// program found that: tan(exp(s)) with s near 50). A power's exponent is 2 tanh(r), so a power stays below
/// (1 + a*a)^2: with the exponent free, a call graph raised 1 + 10.6^2 to the 10.6th (6e21), and the next
/// statement, <c>s += (x - s) - w[0]</c>, lost x and w[0] to rounding. The gradient was the exact derivative,
/// finite differences that of the rounded function (seed 60pJsWlZJGA1, point seed 53167657).
/// </summary>
internal static class DomainSafeForms
{
    public static string Unary(string function, string a) => function switch
    {
        "" => a,
        "neg" => $"-({a})",
        "log" => $"Math.Log(0.5 + ({a}) * ({a}))",
        "sqrt" => $"Math.Sqrt(0.25 + ({a}) * ({a}))",
        "pow2" => $"Math.Pow({a}, 2)",
        "pow3" => $"Math.Pow({a}, 3.0)",
        "powHalf" => $"Math.Pow(1.0 + ({a}) * ({a}), -0.5)",
        "sigmoid" => $"SymMath.Sigmoid({a})",
        "softplus" => $"SymMath.Softplus({a})",
        "relu" => $"SymMath.Relu({a})",
        "Math.Sin" => $"Math.Sin(4.0 * Math.Atan({a}))",
        "Math.Cos" => $"Math.Cos(4.0 * Math.Atan({a}))",
        "Math.Tan" => $"Math.Tan(0.75 * Math.Atan({a}))",
        _ when function.Contains('.') => $"{function}({a})",
        _ => $"Math.{function}({a})",
    };

    public static string Binary(string op, string l, string r) => op switch
    {
        "/" => $"({l}) / (0.5 + ({r}) * ({r}))",
        "pow" => $"Math.Pow(1.0 + ({l}) * ({l}), 2.0 * Math.Tanh({r}))",
        "max" => $"Math.Max({l}, {r})",
        "min" => $"Math.Min({l}, {r})",
        _ => $"({l}) {op} ({r})",
    };
}
