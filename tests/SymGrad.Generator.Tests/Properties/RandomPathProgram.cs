using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// A random program about paths (issue 9): guarded early returns (plain, nested, in both branches),
/// conditions whose right side of <c>&amp;&amp;</c>/<c>||</c> holds a conditional that reads an
/// element only valid when the left side allows it, and values with singular partial derivatives
/// (<c>Math.Sqrt</c>, <c>Math.Log</c>, a reciprocal, a loop of logs) computed up front but used only
/// on paths where they are finite. Rendered as the body of
/// <c>static double F(double x, double y, double[] a, int k)</c>, with <c>a</c> of length 3 and
/// <c>k</c> anywhere in -1..4.
/// </summary>
public sealed record RandomPathProgram(string[] Statements, RandomPathProgram.Point[] Points)
{
    public sealed record Point(double X, double Y, double[] A, int K)
    {
        public override string ToString() => $"x = {X:R}, y = {Y:R}, a = [{string.Join(", ", A.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}], k = {K}";
    }

    public string Render(string name)
    {
        var sb = new StringBuilder();
        sb.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[] a, int k)\n    {\n");
        sb.Append("        double s = 0.5 * x + y;\n");
        foreach (string statement in Statements)
        {
            sb.Append("        ").Append(statement).Append('\n');
        }

        sb.Append("        return s * 0.75 + x;\n    }\n");
        return sb.ToString();
    }

    /// <summary>A singular value and the condition under which it (and its derivative) is finite.</summary>
    private static readonly (string Value, string Valid)[] Singulars =
    {
        ("Math.Sqrt(x)", "x > 0.01"),
        ("Math.Log(y)", "y > 0.01"),
        ("1.0 / (x - 0.25)", "x > 0.3"),
        ("Math.Log(a[0])", "a[0] > 0.01"),
        ("Math.Sqrt(a[1] * y)", "a[1] * y > 0.01"),
        ("Math.Pow(y, 0.5)", "y > 0.01"),
        ("Math.Log(x * y)", "x * y > 0.01"),
    };

    private static readonly string[] Terms =
    {
        "x * y", "Math.Sin(x + s)", "s * 0.5 + y", "a[2] * x", "Math.Exp(-y * y) * s", "Math.Tanh(s)", "a[0] * a[1]", "y * y - x",
    };

    private static readonly string[] Tests = { "x > {0}", "y < {0}", "s > {0}", "a[1] > {0}", "x + y > {0}", "s * y < {0}" };

    private static Gen<string> Term => Gen.OneOf(Terms);

    private static Gen<string> Condition =>
        from test in Gen.OneOf(Tests)
        from c in Gen.Int[-8, 8]
        select string.Format(CultureInfo.InvariantCulture, test, (c / 8.0).ToString("0.0##", CultureInfo.InvariantCulture));

    private static Gen<string> Threshold => Gen.Int[1, 9].Select(c => (c / 10.0).ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>One statement; <paramref name="n"/> numbers the locals it declares.</summary>
    private static Gen<string[]> Statement(int n) => Gen.Frequency(
        (3, from t in Term select new[] { "s += " + t + ";" }),
        (1, from t in Term select new[] { "s = Math.Tanh(s * " + t + ");" }),
        (3, from c in Condition from t in Term select new[] { "if (" + c + ") return " + t + ";" }),
        (3, from c1 in Condition from c2 in Condition from t1 in Term from t2 in Term
            select new[] { "if (" + c1 + ") { if (" + c2 + ") { return s * " + t1 + "; } s += " + t2 + "; }" }),
        (2, from c1 in Condition from c2 in Condition from t1 in Term from t2 in Term
            select new[] { "if (" + c1 + ") { if (" + c2 + ") return " + t1 + "; else s *= 0.5; } else { if (" + c2 + ") return s - " + t2 + "; }" }),
        (3, from threshold in Threshold from t in Term
            select new[] { "if (k >= 0 && k < a.Length && (a[k] > 0 ? a[k] : -a[k]) > " + threshold + ") s += a[k] * " + t + ";" }),
        (2, from threshold in Threshold from t in Term
            select new[] { "s += k < 0 || k >= a.Length || (a[k] > x ? a[k] : x) < " + threshold + " ? " + t + " : a[k] * s;" }),
        (4, from singular in Gen.OneOf(Singulars) from use in Gen.Int[0, 2] from t in Term
            select Singular(n, singular, use, t)),
        (1, from t in Term
            select new[]
            {
                "double logs" + n + " = 0;",
                "for (int i = 0; i < a.Length; i++) { logs" + n + " += Math.Log(a[i]); }",
                "if (a[0] > 0.01 && a[1] > 0.01 && a[2] > 0.01) s += logs" + n + " * " + t + ";",
            }));

    private static string[] Singular(int n, (string Value, string Valid) singular, int use, string term)
    {
        string r = "r" + n;
        string declare = "double " + r + " = " + singular.Value + ";";
        return use switch
        {
            0 => new[] { declare, "if (" + singular.Valid + ") s += " + r + " * " + term + ";" },
            1 => new[] { declare, "if (" + singular.Valid + ") return " + r + " * s;" },
            _ => new[] { declare, "s += " + singular.Valid + " ? " + r + " : " + term + ";" },
        };
    }

    private static Gen<double> Coordinate => Gen.Int[-12, 12].Select(i => i / 8.0 + 0.0123);

    private static Gen<Point> PointGen =>
        from x in Coordinate
        from y in Coordinate
        from a in Coordinate.Array[3]
        from k in Gen.Int[-1, 4]
        select new Point(x, y, a, k);

    private static Gen<string[]> StatementsOf(int count) => count == 0
        ? Gen.Const(Array.Empty<string>())
        : from before in StatementsOf(count - 1)
          from next in Statement(count)
          select before.Concat(next).ToArray();

    public static Gen<RandomPathProgram> Programs =>
        from count in Gen.Int[2, 6]
        from statements in StatementsOf(count)
        from points in PointGen.Array[3]
        select new RandomPathProgram(statements, points);
}
