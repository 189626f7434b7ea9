using System;
using SymGrad;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Whether <c>float</c> can hold a <see cref="RandomExpression"/>'s intermediates at a point, from the expression evaluated
/// in <c>double</c> as <see cref="DomainSafeForms"/> renders it: the largest magnitude it passes through (every function's
/// result, every inner form such as <c>a * a</c> and <c>0.5 + a * a</c>, the power's exponent, both arms of a
/// conditional) and the arguments of its sines, cosines and tangents. The <c>float</c> property test does not judge a
/// point past that, and counts it:
/// <list type="bullet">
/// <item>past <c>float</c>'s range an intermediate is infinite in <c>float</c> while the value stays finite (a quotient by
/// it, a saturating function of it), and the chain rule meets 0 x infinity, as docs/second-order.md says of <c>double</c>
/// ("Not covered"), where it starts at e^709 instead of e^88;</item>
/// <item>past its resolution a periodic function of a large argument is a different number in each precision.</item>
/// </list>
/// </summary>
internal static class RandomExpressionRange
{
    /// <summary>
    /// Largest intermediate up to which a point is judged: the partials square some of them (a quotient's <c>1 / d^2</c>,
    /// the tangent's <c>1 / cos^2</c>), and <c>float</c> ends at 3.4e38, so 1e15 leaves room for a square and a factor.
    /// </summary>
    public const double FloatSafe = 1e15;

    /// <summary>
    /// Largest argument of a sine, cosine or tangent up to which a point is judged. <c>float</c> holds such an argument to
    /// about 1e-7 of itself, after a few roundings to 1e-6, so the cosine of exp(exp(2.5)), about 195,000 (a hunt's
    /// failure), is 0.050 in <c>float</c> and 0.095 in <c>double</c>: each precision computes its own rounding of the argument
    /// correctly. At 16 the shift stays below 2e-5, under the test's bar.
    /// </summary>
    public const double FloatResolvedPeriod = 16;

    /// <summary>
    /// Whether <c>float</c> can hold the expression's intermediates at the point: none above <see cref="FloatSafe"/>, no
    /// periodic function of an argument above <see cref="FloatResolvedPeriod"/>.
    /// </summary>
    public static bool FitsFloat(this RandomExpression expression, double x, double y, double z) => expression.LargestIntermediate(x, y, z) <= FloatSafe;

    /// <summary>The largest intermediate, or infinity where a periodic function's argument is past <see cref="FloatResolvedPeriod"/>.</summary>
    public static double LargestIntermediate(this RandomExpression expression, double x, double y, double z) =>
        expression.Evaluate(x, y, z) is { Unresolved: false } evaluation ? evaluation.Largest : double.PositiveInfinity;

    /// <summary>
    /// The expression's value in <c>double</c> as this evaluator computes it; the largest magnitude it passes through;
    /// <c>Unresolved</c> when a sine, cosine or tangent has an argument past <see cref="FloatResolvedPeriod"/>; and
    /// <c>NearTie</c> when a conditional's test compared two values within 1e-9 of each other, where a rounding in the last
    /// bit (the generated code may order a sum differently) can take the other arm. The <c>float</c> family checks the value
    /// against the compiled <c>double</c> method (<see cref="SinglePrecisionBatch"/>), so that this evaluator, which
    /// restates <see cref="DomainSafeForms"/> by hand, cannot drift from what the methods compute.
    /// </summary>
    public static (double Value, double Largest, bool Unresolved, bool NearTie) Evaluate(this RandomExpression expression, double x, double y, double z)
    {
        double largest = 0;
        bool unresolved = false, nearTie = false;
        double Seen(double v)
        {
            largest = Math.Max(largest, double.IsNaN(v) ? double.PositiveInfinity : Math.Abs(v));
            return v;
        }

        double Square(double a) => Seen(Seen(a * a));

        double Periodic(double a)
        {
            if (Math.Abs(a) > FloatResolvedPeriod)
            {
                unresolved = true;
            }

            return a;
        }

        double Walk(RandomExpression e) => e switch
        {
            RandomExpression.Variable v => Seen(v.Index switch { 0 => x, 1 => y, _ => z }),
            RandomExpression.Literal l => Seen(l.Value),
            RandomExpression.Unary u => Unary(u.Function, Walk(u.Argument)),
            RandomExpression.Binary b => Binary(b.Operator, Walk(b.Left), Walk(b.Right)),
            RandomExpression.Conditional c => Conditional(c),
            _ => throw new ArgumentOutOfRangeException(nameof(expression), e, "an expression kind the range does not know"),
        };

        // The taken arm's value, but both arms' intermediates: either may be what the generated code computes.
        double Conditional(RandomExpression.Conditional c)
        {
            double a = Walk(c.A), b = Walk(c.B);
            nearTie |= c.Test switch
            {
                "&&" => Near(a, 0) || Near(b, 1),
                "||" => Near(a, -0.5) || Near(b, 0.5),
                _ => Near(a, b),
            };
            bool taken = c.Test switch
            {
                "&&" => a > 0 && b < 1,
                "||" => a < -0.5 || b > 0.5,
                "!" => !(a <= b),
                "<" => a < b,
                ">" => a > b,
                "<=" => a <= b,
                ">=" => a >= b,
                _ => throw new ArgumentOutOfRangeException(nameof(expression), c.Test, "a test the range does not know"),
            };
            double whenTrue = Walk(c.WhenTrue), whenFalse = Walk(c.WhenFalse);
            return taken ? whenTrue : whenFalse;
        }

        double Unary(string function, double a) => Seen(function switch
        {
            "neg" => -a,
            "Exp" => Math.Exp(a),
            "log" => Math.Log(Seen(0.5 + Square(a))),
            "sqrt" => Math.Sqrt(Seen(0.25 + Square(a))),
            "pow2" => Math.Pow(a, 2),
            "pow3" => Math.Pow(a, 3),
            "powHalf" => Math.Pow(Seen(1.0 + Square(a)), -0.5),
            "Sin" => Math.Sin(Periodic(a)),
            "Cos" => Math.Cos(Periodic(a)),
            "Tan" => Math.Tan(Periodic(a)),
            "Atan" => Math.Atan(a),
            "Sinh" => Math.Sinh(a),
            "Cosh" => Math.Cosh(a),
            "Tanh" => Math.Tanh(a),
            "Abs" => Math.Abs(a),
            "sigmoid" => SymMath.Sigmoid(a),
            "softplus" => SymMath.Softplus(a),
            "relu" => SymMath.Relu(a),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "a function the range does not know"),
        });

        double Binary(string op, double l, double r) => Seen(op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => l / Seen(0.5 + Square(r)),
            "pow" => Math.Pow(Seen(1.0 + Square(l)), Seen(2.0 * Math.Tanh(r))),
            "max" => Math.Max(l, r),
            "min" => Math.Min(l, r),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "an operator the range does not know"),
        });

        static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

        double value = Walk(expression);
        return (value, largest, unresolved, nearTie);
    }
}
