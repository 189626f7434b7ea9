using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Compiles a batch of call-graph programs (each a C# file, <see cref="CallGraphProgram"/> or a
/// replayed source) through the generator in one in-memory compilation and checks every
/// <c>[Differentiable]</c> method of each, not only the root of its graph, at
/// <see cref="PointsPerMethod"/> random points: <c>FGradient</c> returns the method's value (<see cref="ReturnedValue"/>),
/// clears its outputs and leaves its input arrays alone, and its partial derivatives (every double
/// and every array element, in parameter order) agree with central finite differences; and
/// <c>FPullback</c> with a random seed returns the value and adds <c>seed * gradient</c> to outputs
/// that held random values. Methods are reached through adapters written from the source's syntax
/// (so any replayed source works): doubles and array elements come from one flat vector, ints lie in
/// 0..3, <c>[NoDerivative]</c> doubles are random, arrays are <see cref="CallGraphProgram.ArrayLength"/> long.
/// A problem names the program's complete source and its point seed.
/// </summary>
public static class CallGraphBatch
{
    public const int PointsPerMethod = 2;

    /// <summary>One program to check: its source, named so its types are unique in the batch, and the seed of its points.</summary>
    public sealed record Program(string Source, int PointSeed)
    {
        public string Describe() => "point seed " + PointSeed + ":\n" + Source;
    }

    private delegate double Value(double[] v, int[] k, double[] c);

    private delegate double Gradient(double[] v, int[] k, double[] c, double[] g);

    private delegate double Pullback(double[] v, int[] k, double[] c, double seed, double[] g);

    /// <summary>A [Differentiable] method found in a source, with the shapes its adapter needs.</summary>
    private sealed record Target(string Type, string Name, (string Kind, string Name)[] Parameters)
    {
        public int Coordinates => Parameters.Sum(p => p.Kind switch { "double" => 1, "double[]" => CallGraphProgram.ArrayLength, _ => 0 });

        public int Ints => Parameters.Count(p => p.Kind == "int");

        public int Constants => Parameters.Count(p => p.Kind == "constant");
    }

    public static BatchCheck Check(IReadOnlyList<CallGraphProgram> programs, bool inlining = true) =>
        Check(programs.Select((p, i) => new Program(p.Render("G" + i + "_"), p.PointSeed)).ToList(), inlining);

    /// <summary>Checks a batch; with <paramref name="inlining"/> off, every call goes through the callee's pullback.</summary>
    public static BatchCheck Check(IReadOnlyList<Program> programs, bool inlining = true)
    {
        var targets = new List<Target>[programs.Count];
        var files = new string[programs.Count];
        for (int i = 0; i < programs.Count; i++)
        {
            targets[i] = TargetsOf(programs[i].Source);
            files[i] = programs[i].Source + "\n" + Adapters(i, targets[i]) + CancellationProbe.Instrument(programs[i].Source);
        }

        files = files.Append(CancellationProbe.Support).ToArray();

        GeneratorRun run;
        Lowering.BodyLowerer.InliningDisabled = !inlining;
        try
        {
            run = GeneratorHarness.Run(files);
        }
        finally
        {
            Lowering.BodyLowerer.InliningDisabled = false;
        }

        // Emitting reports the same errors and warnings as GetDiagnostics: one binding of the output instead of two (compiling is the cost).
        using var image = new MemoryStream();
        EmitResult emitted = run.Output.Emit(image);
        var problems = run.GeneratorDiagnostics.Concat(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)).ToList();
        if (problems.Count > 0 || !emitted.Success)
        {
            return new BatchCheck(programs.Count, 0, 0, Array.Empty<string>(), Describe(problems, programs, files));
        }

        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext("symgrad-call-graphs-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image);
        int checkedPoints = 0, skipped = 0;
        var mismatches = new List<string>();
        var cancelled = new List<string>();
        FieldInfo site = assembly.GetType("CancellationProbe")!.GetField("Site")!;
        for (int i = 0; i < programs.Count; i++)
        {
            Type adapters = assembly.GetType("CallGraphChecks" + i)!;
            for (int j = 0; j < targets[i].Count; j++)
            {
                Target target = targets[i][j];
                var value = adapters.GetMethod("Value" + j)!.CreateDelegate<Value>();
                var gradient = adapters.GetMethod("Gradient" + j)!.CreateDelegate<Gradient>();
                var pullback = adapters.GetMethod("Pullback" + j)!.CreateDelegate<Pullback>();
                var probed = adapters.GetMethod("Probed" + j)!.CreateDelegate<Value>();
                string? WhereItCancels(double[] at, int[] k, double[] c)
                {
                    site.SetValue(null, null);
                    probed(at, k, c);
                    return (string?)site.GetValue(null);
                }

                for (int p = 0; p < PointsPerMethod; p++)
                {
                    var random = new Random(unchecked(programs[i].PointSeed * 7919 + j * 131 + p));
                    double[] v = Enumerable.Range(0, target.Coordinates).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                    int[] k = Enumerable.Range(0, target.Ints).Select(_ => random.Next(0, 4)).ToArray();
                    double[] c = Enumerable.Range(0, target.Constants).Select(_ => 2 * random.NextDouble() - 1).ToArray();
                    string? failure;
                    bool isChecked;
                    string? cancels = null;
                    try
                    {
                        failure = CheckPoint(value, gradient, pullback, WhereItCancels, v, k, c, random, out isChecked, out cancels);
                    }
                    catch (Exception e)
                    {
                        failure = "threw " + e.GetType().Name + ": " + e.Message;
                        isChecked = false;
                    }

                    if (failure is not null)
                    {
                        mismatches.Add($"{target.Type}.{target.Name} at v = [{Join(v)}], ints = [{string.Join(", ", k)}], constants = [{Join(c)}]: {failure}\n{programs[i].Describe()}");
                        break;
                    }

                    checkedPoints += isChecked ? 1 : 0;
                    skipped += isChecked ? 0 : 1;
                    if (cancels is not null)
                    {
                        cancelled.Add($"{target.Type}.{target.Name} at v = [{Join(v)}], ints = [{string.Join(", ", k)}], constants = [{Join(c)}] (point seed {programs[i].PointSeed}): {cancels}");
                    }
                }
            }
        }

        return new BatchCheck(programs.Count, checkedPoints, skipped, mismatches, null, cancelled);
    }

    /// <summary>
    /// A mismatch, or null with <paramref name="isChecked"/> false when differences cannot judge the point;
    /// <paramref name="cancels"/> says so when that was because the program's own arithmetic lost its value
    /// at every step of the differences (<see cref="CancellationProbe"/>, asked only where they disagree with the
    /// gradient): the coordinate, both numbers and the sum the probe saw.
    /// </summary>
    private static string? CheckPoint(Value f, Gradient gradient, Pullback pullback, Func<double[], int[], double[], string?> whereItCancels, double[] v, int[] k, double[] c, Random random, out bool isChecked, out string? cancels)
    {
        isChecked = false;
        cancels = null;
        double expected = f(v, k, c);
        if (!double.IsFinite(expected) || Math.Abs(expected) > 1e8)
        {
            return null;
        }

        double[] input = (double[])v.Clone();
        double[] g = Enumerable.Repeat(double.NaN, v.Length).ToArray(); // the gradient must overwrite its outputs
        double value = gradient(v, k, c, g);
        if (!v.SequenceEqual(input))
        {
            return "the adapter's input vector changed";
        }

        if (!ReturnedValue.Matches(expected, value))
        {
            return $"FGradient returned {value:R} but the method returns {expected:R}";
        }

        if (g.Any(d => !double.IsFinite(d)))
        {
            // An intermediate overflowed where the result saturates (0 * inf in the chain rule, as in every
            // AD tool), or an output was never written: the callers' checked share catches the systematic case.
            return null;
        }

        double[] again = new double[v.Length];
        gradient(v, k, c, again);
        if (!again.SequenceEqual(g))
        {
            return $"FGradient gives [{Join(g)}], then [{Join(again)}] at the same point";
        }

        bool allCheckable = true;
        for (int coordinate = 0; coordinate < v.Length; coordinate++)
        {
            int at = coordinate;
            if (FiniteDifferenceCheck.IsKink(t => Along(f, v, k, c, at, t)) || OscillatesWithinTheStep(gradient, v, k, c, g, at))
            {
                allCheckable = false;
                continue;
            }

            switch (FiniteDifferenceCheck.Compare(g[at], expected, h => (Along(f, v, k, c, at, h) - Along(f, v, k, c, at, -h)) / (2 * h), out double fine))
            {
                case FiniteDifferenceCheck.Verdict.Uncheckable:
                    allCheckable = false;
                    break;
                case FiniteDifferenceCheck.Verdict.Mismatch:
                    // Every step's difference disagreed, so the cancellation must reach every step: one of its two points.
                    string?[] sites = FiniteDifferenceCheck.Steps.Select(h => whereItCancels(Moved(v, at, h), k, c) ?? whereItCancels(Moved(v, at, -h), k, c)).ToArray();
                    if (sites.All(s => s is not null))
                    {
                        cancels = $"coordinate {at}: FGradient gives {g[at]:R}, finite differences {fine:R}; the program's '{sites[0]}' cancels";
                        allCheckable = false;
                        break;
                    }

                    return $"coordinate {at}: FGradient gives {g[at]:R}, finite differences {fine:R} (gradient [{Join(g)}])";
            }

            if (cancels is not null)
            {
                break; // the value itself is off here, so no coordinate can be judged
            }
        }

        // The pullback: outputs that already hold something, a seed that is not 1.
        double seed = random.Next(0, 2) == 0 ? -0.75 : 1.5 + random.NextDouble();
        double[] held = v.Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] accumulated = (double[])held.Clone();
        double pulled = pullback(v, k, c, seed, accumulated);
        if (!ReturnedValue.Matches(expected, pulled))
        {
            return $"FPullback returned {pulled:R} but the method returns {expected:R}";
        }

        for (int i = 0; i < v.Length; i++)
        {
            // The pullback scales adjoints by the seed where FGradient uses 1, so the sums round differently.
            double wanted = held[i] + seed * g[i];
            if (!(Math.Abs(accumulated[i] - wanted) <= 1e-10 * (1 + Math.Abs(held[i]) + Math.Abs(seed * g[i]))))
            {
                return $"coordinate {i}: FPullback with seed {seed:R} turned {held[i]:R} into {accumulated[i]:R}, but {held[i]:R} + seed * {g[i]:R} = {wanted:R}";
            }
        }

        isChecked = allCheckable;
        return null;
    }

    /// <summary>
    /// Whether the partial derivative varies too fast for differences with steps of 1e-6 and more to
    /// follow it: composed calls can put, say, the tangent of a value in the millions inside a
    /// saturated atan, a function whose wiggles are too small for differences to see but dominate its
    /// derivative. For a smooth function the second difference of the partial (deterministic, checked
    /// above) at a spacing of 1e-6 is the third derivative times 1e-12, the size of the differences'
    /// own truncation error.
    /// </summary>
    private static bool OscillatesWithinTheStep(Gradient gradient, double[] v, int[] k, double[] c, double[] g, int coordinate)
    {
        const double delta = 1e-6;
        double[] plus = (double[])v.Clone(), minus = (double[])v.Clone();
        plus[coordinate] += delta;
        minus[coordinate] -= delta;
        double[] gPlus = new double[v.Length], gMinus = new double[v.Length];
        gradient(plus, k, c, gPlus);
        gradient(minus, k, c, gMinus);
        double second = gPlus[coordinate] - 2 * g[coordinate] + gMinus[coordinate];
        return !(Math.Abs(second) <= 1e-5 + 1e-4 * Math.Abs(g[coordinate]));
    }

    private static double Along(Value f, double[] v, int[] k, double[] c, int coordinate, double t) => f(Moved(v, coordinate, t), k, c);

    private static double[] Moved(double[] v, int coordinate, double t)
    {
        double[] moved = (double[])v.Clone();
        moved[coordinate] += t;
        return moved;
    }

    private static string Join(double[] values) => string.Join(", ", values.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The [Differentiable] methods of a source, in order, with their parameters' kinds.</summary>
    private static List<Target> TargetsOf(string source)
    {
        var targets = new List<Target>();
        foreach (MethodDeclarationSyntax method in CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (!method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Differentiable" or "DifferentiableAttribute"))
            {
                continue;
            }

            string type = ((TypeDeclarationSyntax)method.Parent!).Identifier.Text;
            var parameters = method.ParameterList.Parameters.Select(p =>
            {
                bool constant = p.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "NoDerivative" or "NoDerivativeAttribute");
                string kind = (p.Type!.ToString(), constant) switch
                {
                    ("double", false) => "double",
                    ("double", true) => "constant",
                    ("double[]", false) => "double[]",
                    ("int", false) => "int",
                    _ => throw new NotSupportedException($"the call-graph check cannot pass parameter '{p}' of {type}.{method.Identifier.Text}"),
                };
                return (kind, p.Identifier.Text);
            }).ToArray();
            targets.Add(new Target(type, method.Identifier.Text, parameters));
        }

        return targets;
    }

    /// <summary>
    /// <c>CallGraphChecks{i}</c>: per target j, <c>Value{j}</c>, <c>Gradient{j}</c> and <c>Pullback{j}</c>
    /// taking doubles and array elements from one flat vector and writing the gradient into one flat vector.
    /// </summary>
    private static string Adapters(int program, List<Target> targets)
    {
        var sb = new StringBuilder("public static class CallGraphChecks").Append(program).Append("\n{\n");
        for (int j = 0; j < targets.Count; j++)
        {
            Target target = targets[j];
            var arguments = new List<string>();
            var gradientOutputs = new List<string>();
            var pullbackOutputs = new List<string>();
            var arrays = new List<string>();
            int offset = 0, ints = 0, constants = 0;
            foreach ((string kind, string _) in target.Parameters)
            {
                switch (kind)
                {
                    case "double":
                        arguments.Add($"v[{offset}]");
                        gradientOutputs.Add($"out g[{offset}]");
                        pullbackOutputs.Add($"ref g[{offset}]");
                        offset++;
                        break;
                    case "double[]":
                        string array = "a" + arrays.Count;
                        arrays.Add($"double[] {array} = v[{offset}..{offset + CallGraphProgram.ArrayLength}];");
                        arguments.Add(array);
                        gradientOutputs.Add($"g.AsSpan({offset}, {CallGraphProgram.ArrayLength})");
                        pullbackOutputs.Add($"g.AsSpan({offset}, {CallGraphProgram.ArrayLength})");
                        offset += CallGraphProgram.ArrayLength;
                        break;
                    case "int":
                        arguments.Add($"k[{ints++}]");
                        break;
                    default:
                        arguments.Add($"c[{constants++}]");
                        break;
                }
            }

            string call = target.Type + "." + target.Name;
            string args = string.Join(", ", arguments);
            string unchanged = string.Concat(arrays.Select((_, a) => $"        if (!a{a}.AsSpan().SequenceEqual(v.AsSpan({OffsetOfArray(target, a)}, {CallGraphProgram.ArrayLength}))) throw new System.InvalidOperationException(\"the derivative changed its input array\");\n"));
            sb.Append($"    public static double Value{j}(double[] v, int[] k, double[] c) {{ {string.Concat(arrays.Select(a => a + " "))}return {call}({args}); }}\n");
            sb.Append($"    public static double Gradient{j}(double[] v, int[] k, double[] c, double[] g)\n    {{\n        {string.Join(" ", arrays)}\n        double r = {call}Gradient({string.Join(", ", arguments.Concat(gradientOutputs))});\n{unchanged}        return r;\n    }}\n");
            sb.Append($"    public static double Probed{j}(double[] v, int[] k, double[] c) {{ {string.Concat(arrays.Select(a => a + " "))}return {CancellationProbe.ProbedName(target.Type)}.{target.Name}({args}); }}\n");
            sb.Append($"    public static double Pullback{j}(double[] v, int[] k, double[] c, double seed, double[] g)\n    {{\n        {string.Join(" ", arrays)}\n        double r = {call}Pullback({string.Join(", ", arguments.Append("seed").Concat(pullbackOutputs))});\n{unchanged}        return r;\n    }}\n");
        }

        return sb.Append("}\n").ToString();
    }

    private static int OffsetOfArray(Target target, int arrayIndex)
    {
        int offset = 0, seen = 0;
        foreach ((string kind, string _) in target.Parameters)
        {
            if (kind == "double[]" && seen++ == arrayIndex)
            {
                return offset;
            }

            offset += kind switch { "double" => 1, "double[]" => CallGraphProgram.ArrayLength, _ => 0 };
        }

        throw new ArgumentOutOfRangeException(nameof(arrayIndex));
    }

    /// <summary>
    /// The first problems, each with the complete source of the program it is in (its file, or the generated file of one
    /// of its types), and the rest of its file (the adapters and the probed copy) when a problem lies there.
    /// </summary>
    private static string Describe(IEnumerable<Diagnostic> problems, IReadOnlyList<Program> programs, string[] files)
    {
        var text = new StringBuilder();
        foreach (IGrouping<int, Diagnostic> group in problems.GroupBy(d => ProgramOf(d, programs)).Take(3))
        {
            text.Append(string.Join("\n", group.Take(3))).Append('\n');
            if (group.Key >= 0)
            {
                string source = programs[group.Key].Source;
                text.Append(programs[group.Key].Describe()).Append('\n');
                int sourceLines = source.Split('\n').Length;
                if (group.Any(d => d.Location.SourceTree?.FilePath == "Source" + group.Key + ".cs" && d.Location.GetLineSpan().StartLinePosition.Line >= sourceLines))
                {
                    text.Append("the rest of its file (the check's adapters and the probed copy):\n").Append(files[group.Key][source.Length..]).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static int ProgramOf(Diagnostic diagnostic, IReadOnlyList<Program> programs)
    {
        string path = diagnostic.Location.SourceTree?.FilePath ?? "";
        if (path.StartsWith("Source", StringComparison.Ordinal) && int.TryParse(path["Source".Length..^".cs".Length], out int index) && index < programs.Count)
        {
            return index;
        }

        // A generated file is named after the type it extends: G{i}_A or G{i}_B.
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(path, @"G(\d+)_[AB]");
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < programs.Count ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
}
