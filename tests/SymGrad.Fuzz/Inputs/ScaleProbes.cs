using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SymGrad.Fuzz.Inputs;

/// <summary>
/// Inputs of extreme size that random mutations never reach: a 10,000-term sum, 2,000 nested
/// parentheses, 5,000 statements, 40 guarded early returns, 60 nested branches. Each is judged in a
/// child process (<see cref="ChildJudge"/>) on a thread with a 1 MB stack, as an IDE's worker thread
/// has, so a stack overflow is recorded as a generator crash instead of ending the run.
/// </summary>
internal static class ScaleProbes
{
    private const string Header = "using System;\nusing SymGrad;\n\nnamespace Probes;\n\npublic static partial class Scale\n{\n";

    public static IReadOnlyList<(string Name, string Source)> All { get; } = new[]
    {
        ("a sum of 10,000 terms", Method("Terms", "double x, double y", "return " + string.Join(" + ", Enumerable.Range(1, 10_000).Select(k => Term(k))) + ";")),
        ("2,000 nested parentheses", Method("Nested", "double x, double y", "return " + new string('(', 2_000) + "x" + string.Concat(Enumerable.Range(1, 2_000).Select(k => " * y + " + Literal(k) + ")")) + ";")),
        ("5,000 statements", Method("Statements", "double x, double y", "double s = 0;\n" + string.Concat(Enumerable.Range(1, 5_000).Select(k => "        s += " + Term(k) + ";\n")) + "        return s;")),
        ("40 guarded early returns", Method("EarlyReturns", "double x, double y", string.Concat(Enumerable.Range(1, 40).Select(k => "        if (x > " + Literal(k) + ") return x * y + " + Literal(k) + ";\n        x = x * 0.5 + y;\n")) + "        return x;")),
        ("60 nested branches", Method("Branches", "double x, double y", "double s = x;\n" + string.Concat(Enumerable.Range(1, 60).Select(k => "        if (s > " + Literal(-k) + ") { s = s * y + " + Literal(k) + ";\n")) + new string('}', 60) + "\n        return s;")),
    };

    private static string Term(int k) => (k % 3) switch
    {
        0 => "x * " + Literal(k),
        1 => "Math.Sin(x * y + " + Literal(k) + ")",
        _ => "y * " + Literal(k),
    };

    private static string Literal(int k) => (k / 1000.0).ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Method(string name, string parameters, string body) =>
        new StringBuilder(Header)
            .Append("    [Differentiable]\n    public static double ").Append(name).Append('(').Append(parameters).Append(")\n    {\n        ")
            .Append(body).Append("\n    }\n}\n").ToString();
}
