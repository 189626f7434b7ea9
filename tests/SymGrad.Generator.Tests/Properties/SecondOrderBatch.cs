using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Compiles a batch of random programs with <c>[Differentiable(Tangent = true, Hessian = true)]</c>
/// through the generator in one in-memory compilation and checks the forward-mode methods of every
/// method of each (issue 11), taking the gradient (itself checked against finite differences by the
/// first-order properties) as the reference:
/// <list type="bullet">
/// <item><c>FTangent</c> returns the method's value (<see cref="ReturnedValue"/>) and <c>tangent = Σ gradient·t</c> for a random t;</item>
/// <item><c>FHessianVectorProduct</c> returns exactly the value and its product agrees with central
/// differences of <c>FGradient</c> along a random v, where the gradient is smooth within the step;</item>
/// <item>at each method's first point where the value is finite, <c>FHessian</c> gives <c>FGradient</c>'s outputs, is symmetric to
/// rounding, and its columns are the products with unit vectors;</item>
/// <item>a vector-valued wrapper of each method (<see cref="RowsWrapper"/>: the method's value f inlined,
/// an output read and overwritten) has the <c>FJacobian</c> the gradient predicts, rows (1 - f) g and
/// 2 f g: reverse mode (the replayed reverse sweep, or a pullback per row) once there are more than two
/// coordinates.</item>
/// </list>
/// Where the method throws, every forward-mode method must throw the same exception. Methods are
/// reached through adapters written from the source's syntax (as in <see cref="CallGraphBatch"/>):
/// doubles and differentiated array elements come from one flat vector, <c>[NoDerivative]</c> doubles
/// and arrays from another, ints from a third. A method the generator reports SYMGRAD0023 for (a call
/// it could not inline, so one through a first-order pullback) is excluded and counted.
/// </summary>
public static class SecondOrderBatch
{
    /// <summary>
    /// One program: a C# file whose type names start with <c>T{index}_</c> (so a problem in generated
    /// code can be traced to it), and either fixed points (for one-method families whose generators
    /// choose them) or random ones from <paramref name="PointSeed"/>.
    /// </summary>
    public sealed record Program(string Source, int PointSeed, IReadOnlyList<Point>? Points = null)
    {
        public string Describe() => (Points is null ? "point seed " + PointSeed : "points " + string.Join("; ", Points)) + ":\n" + Source;
    }

    /// <summary>Differentiated coordinates (doubles and array elements in parameter order), ints, constants.</summary>
    public sealed record Point(double[] V, int[] K, double[] C)
    {
        public override string ToString() => $"v = [{Join(V)}], ints = [{string.Join(", ", K)}], constants = [{Join(C)}]";
    }

    /// <summary>What one batch showed; <see cref="Failure"/> is null when it passed.</summary>
    public sealed record Outcome(
        int Methods,
        int Excluded,
        int Points,
        int Unusable,
        int TangentsChecked,
        int ProductsChecked,
        int ProductsSkipped,
        int HessiansChecked,
        int Throwing,
        int JacobiansChecked,
        IReadOnlyList<string> Mismatches,
        string? CompileProblems)
    {
        /// <summary>CPU time of the generator and of compiling its output (with the adapters), on the calling thread.</summary>
        public TimeSpan GeneratorTime { get; init; }

        public TimeSpan CompileTime { get; init; }

        /// <summary>CPU time of loading and running the checks (the JIT compiling the generated methods included).</summary>
        public TimeSpan CheckTime { get; init; }

        /// <summary>Characters of generated code.</summary>
        public long GeneratedSize { get; init; }

        public string? Failure => CompileProblems is not null
            ? "generator or compile problems:\n" + CompileProblems
            : Mismatches.Count > 0 ? string.Join("\n\n", Mismatches.Take(3)) + (Mismatches.Count > 3 ? $"\n\n(and {Mismatches.Count - 3} more)" : "") : null;
    }

    public const string Attribute = "[Differentiable(Tangent = true, Hessian = true)]";

    /// <summary>The source with every plain <c>[Differentiable]</c> asking for the forward-mode methods too.</summary>
    public static string AskForSecondOrder(string source) => source.Replace("[Differentiable]", Attribute, StringComparison.Ordinal);

    private delegate double Value(double[] v, int[] k, double[] c);

    private delegate double Gradient(double[] v, int[] k, double[] c, double[] g);

    private delegate double Tangent(double[] v, int[] k, double[] c, double[] t, out double tangent);

    private delegate double Product(double[] v, int[] k, double[] c, double[] direction, double[] hv);

    private delegate double Hessian(double[] v, int[] k, double[] c, double[] g, double[] h);

    private delegate void Jacobian(double[] v, int[] k, double[] c, double[] output, double[] jacobian);

    private sealed record Methods(Value Value, Gradient Gradient, Tangent Tangent, Product Product, Hessian Hessian, Jacobian? Rows);

    /// <summary>A [Differentiable] method found in a source, with the shapes its adapter needs.</summary>
    private sealed record Target(string Type, string Name, string[] Kinds, int ArrayLength)
    {
        public int Coordinates => Kinds.Sum(k => k switch { "double" => 1, "double[]" => ArrayLength, _ => 0 });

        public int Ints => Kinds.Count(k => k == "int");

        public int Constants => Kinds.Sum(k => k switch { "constant" => 1, "constant[]" => ArrayLength, _ => 0 });
    }

    private struct Counts
    {
        public int Points, Unusable, Tangents, Products, ProductsSkipped, Hessians, Throwing, Jacobians;
    }

    /// <summary>Checks a batch whose arrays are all <paramref name="arrayLength"/> long.</summary>
    public static Outcome Check(IReadOnlyList<Program> programs, int arrayLength)
    {
        var sources = programs.Select(p => AskForSecondOrder(p.Source)).ToArray();
        var wrapped = new List<Target>[programs.Count];
        for (int i = 0; i < programs.Count; i++)
        {
            wrapped[i] = TargetsOf(sources[i], arrayLength);
            sources[i] += RowsWrapper(i, wrapped[i]);
        }

        TimeSpan start = ThreadCpuTime.Now();
        GeneratorRun run = GeneratorHarness.Run(sources);
        TimeSpan generated = ThreadCpuTime.Now();

        // SYMGRAD0023 excludes its method; anything else the generator says is a failure.
        var excluded = new HashSet<(string Type, string Name)>();
        var problems = new List<Diagnostic>();
        foreach (Diagnostic diagnostic in run.GeneratorDiagnostics)
        {
            if (diagnostic.Id == "SYMGRAD0023" && MethodAt(diagnostic, run.Input) is { } method)
            {
                excluded.Add(method);
            }
            else
            {
                problems.Add(diagnostic);
            }
        }

        var targets = new List<Target>[programs.Count];
        var adapters = new StringBuilder();
        for (int i = 0; i < programs.Count; i++)
        {
            targets[i] = wrapped[i].Where(t => !excluded.Contains((t.Type, t.Name))).ToList();
            adapters.Append(Adapters(i, targets[i], wrapped[i], excluded));
        }

        // The adapters go in after the generator ran, so they may leave out the methods it did not generate;
        // emitting reports the same errors and warnings as GetDiagnostics with one binding instead of two.
        Compilation output = run.Output.AddSyntaxTrees(CSharpSyntaxTree.ParseText(adapters.ToString(), (CSharpParseOptions)run.Input.SyntaxTrees[0].Options, path: "Adapters.cs"));
        using var image = new MemoryStream();
        EmitResult emitted = output.Emit(image);
        TimeSpan compiled = ThreadCpuTime.Now();
        problems.AddRange(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        int methods = targets.Sum(t => t.Count) + excluded.Count(e => !e.Type.EndsWith("_Rows", StringComparison.Ordinal));
        if (problems.Count > 0 || !emitted.Success)
        {
            return new Outcome(methods, excluded.Count, 0, 0, 0, 0, 0, 0, 0, 0, Array.Empty<string>(), Describe(problems, programs)) { GeneratorTime = generated - start, CompileTime = compiled - generated };
        }

        image.Position = 0;
        Assembly assembly = new AssemblyLoadContext("symgrad-second-order-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(image);
        var counts = new Counts();
        var mismatches = new List<string>();
        for (int i = 0; i < programs.Count; i++)
        {
            Type type = assembly.GetType("SecondOrderChecks" + i)!;
            for (int j = 0; j < targets[i].Count; j++)
            {
                Target target = targets[i][j];
                var m = new Methods(
                    type.GetMethod("Value" + j)!.CreateDelegate<Value>(),
                    type.GetMethod("Gradient" + j)!.CreateDelegate<Gradient>(),
                    type.GetMethod("Tangent" + j)!.CreateDelegate<Tangent>(),
                    type.GetMethod("Product" + j)!.CreateDelegate<Product>(),
                    type.GetMethod("Hessian" + j)!.CreateDelegate<Hessian>(),
                    type.GetMethod("Rows" + j)?.CreateDelegate<Jacobian>());
                IReadOnlyList<Point> points = programs[i].Points ?? RandomPoints(programs[i].PointSeed, j, target);
                bool hessianChecked = false;
                for (int p = 0; p < points.Count; p++)
                {
                    int hessiansBefore = counts.Hessians;
                    // Directions from the program's text as well as its seed: fixed-point families share seed 0.
                    var random = new Random(unchecked(programs[i].PointSeed * 7919 + StableHash(programs[i].Source) + j * 131 + p));
                    string? failure;
                    try
                    {
                        failure = CheckPoint(m, points[p], hessianToo: !hessianChecked, random, ref counts);
                        hessianChecked |= counts.Hessians > hessiansBefore;
                    }
                    catch (Exception e)
                    {
                        failure = "threw " + e.GetType().Name + ": " + e.Message;
                    }

                    if (failure is not null)
                    {
                        mismatches.Add($"{target.Type}.{target.Name} at {points[p]}: {failure}\n{programs[i].Describe()}");
                        break;
                    }
                }
            }
        }

        return new Outcome(methods, excluded.Count, counts.Points, counts.Unusable, counts.Tangents, counts.Products, counts.ProductsSkipped, counts.Hessians, counts.Throwing, counts.Jacobians, mismatches, null)
        {
            GeneratorTime = generated - start,
            CompileTime = compiled - generated,
            CheckTime = ThreadCpuTime.Now() - compiled,
            GeneratedSize = run.Generated.Sum(g => (long)g.Source.Length),
        };
    }

    /// <summary>A hash of the text that is the same in every run (string.GetHashCode is randomized per process).</summary>
    private static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return unchecked((int)hash);
    }

    private static Point[] RandomPoints(int seed, int method, Target target)
    {
        var random = new Random(unchecked(seed * 7919 + method * 131));
        return Enumerable.Range(0, 2).Select(_ => new Point(
            Enumerable.Range(0, target.Coordinates).Select(_ => 2 * random.NextDouble() - 1).ToArray(),
            Enumerable.Range(0, target.Ints).Select(_ => random.Next(0, 4)).ToArray(),
            Enumerable.Range(0, target.Constants).Select(_ => 2 * random.NextDouble() - 1).ToArray())).ToArray();
    }

    /// <summary>A mismatch at one point, or null (counting what could be checked).</summary>
    private static string? CheckPoint(Methods m, Point point, bool hessianToo, Random random, ref Counts counts)
    {
        double[] v = point.V;
        int n = v.Length;
        double[] t = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] direction = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();

        counts.Points++;
        double expected;
        try
        {
            expected = m.Value(v, point.K, point.C);
        }
        catch (Exception e)
        {
            counts.Throwing++;
            return ThrowsToo(e, "FTangent", () => m.Tangent(v, point.K, point.C, t, out _))
                ?? ThrowsToo(e, "FHessianVectorProduct", () => m.Product(v, point.K, point.C, direction, new double[n]))
                ?? ThrowsToo(e, "FHessian", () => m.Hessian(v, point.K, point.C, new double[n], new double[n * n]));
        }

        if (!double.IsFinite(expected) || Math.Abs(expected) > 1e8)
        {
            counts.Unusable++;
            return null;
        }

        double[] g = new double[n];
        m.Gradient(v, point.K, point.C, g);
        if (g.Any(d => !double.IsFinite(d)))
        {
            // Overflow where the result saturates (0 * inf in the chain rule): no reference to compare with.
            counts.Unusable++;
            return null;
        }

        // FTangent: the value, and the gradient's directional derivative up to the rounding of the sums.
        double valueT = m.Tangent(v, point.K, point.C, t, out double tangent);
        if (!ReturnedValue.Matches(expected, valueT))
        {
            return $"FTangent returned {valueT:R} but the method returns {expected:R}";
        }

        if (!double.IsFinite(tangent) && !double.IsFinite(ZeroDirectionTangent(m, point)))
        {
            // A partial on the path overflows to infinity (a cosh of a cosh inside an atan, which saturates): forward
            // mode multiplies it by a tangent, where the reverse sweep's guards skip an adjoint that is exactly 0
            // (docs/second-order.md, "Huge intermediates"). A zero direction shows it: its tangent is 0 at every
            // other point. Seed 000dRAfc-w22 met one (F1's tangent; its F2's NaN product at x = -0.364 comes from a huge
            // finite intermediate, not an infinite partial, and ScaledProduct recovers it at 2^-768).
            counts.Unusable++;
            return null;
        }

        double dot = 0, scale = 0;
        for (int i = 0; i < n; i++)
        {
            dot += g[i] * t[i];
            scale += Math.Abs(g[i] * t[i]);
        }

        // Forward and reverse mode sum the same products in different orders; a floor of a few eps keeps a
        // derivative that is 0 in exact arithmetic (eps-sized one way, exactly 0 the other) from failing.
        if (!(Math.Abs(tangent - dot) <= 1e-9 * scale + 1e-14 * (1 + Math.Abs(expected))))
        {
            return $"FTangent along t = [{Join(t)}] gives {tangent:R}, but gradient · t = {dot:R} (gradient [{Join(g)}])";
        }

        counts.Tangents++;
        if (m.Rows is not null && CheckRows(m.Rows, point, expected, g) is { } rowsFailure)
        {
            return rowsFailure;
        }

        counts.Jacobians += m.Rows is null ? 0 : 1;

        // FHessianVectorProduct: the value, and differences of the gradient along the direction.
        double[] hv = Enumerable.Repeat(double.NaN, n).ToArray(); // the product must overwrite its outputs
        double valueH = m.Product(v, point.K, point.C, direction, hv);
        if (!ReturnedValue.Matches(expected, valueH))
        {
            return $"FHessianVectorProduct returned {valueH:R} but the method returns {expected:R}";
        }

        bool overflowed = !hv.All(double.IsFinite);
        if (overflowed)
        {
            hv = ScaledProduct(m, point, direction) ?? hv;
        }

        string? productFailure = CompareWithDifferences(m.Gradient, point, direction, g, hv, out bool productChecked);
        if (productFailure is not null)
        {
            return productFailure;
        }

        if (productChecked)
        {
            counts.Products++;
        }
        else
        {
            counts.ProductsSkipped++;
        }

        if (!hessianToo || overflowed)
        {
            return null; // FHessian's columns are the same products with unit vectors: they overflow alike
        }

        // FHessian: FGradient's outputs, symmetry, and columns that are products with unit vectors.
        double[] gH = Enumerable.Repeat(double.NaN, n).ToArray();
        double[] h = Enumerable.Repeat(double.NaN, n * n).ToArray();
        double valueF = m.Hessian(v, point.K, point.C, gH, h);
        if (!ReturnedValue.Matches(expected, valueF))
        {
            return $"FHessian returned {valueF:R} but the method returns {expected:R}";
        }

        for (int i = 0; i < n; i++)
        {
            if (!(Math.Abs(gH[i] - g[i]) <= 1e-12 * (1 + Math.Abs(g[i]))))
            {
                return $"FHessian's gradient output {i} is {gH[i]:R}, FGradient's {g[i]:R}";
            }
        }

        double largest = h.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int j = 0; j < n; j++)
        {
            double[] unit = new double[n];
            unit[j] = 1;
            double[] column = new double[n];
            m.Product(v, point.K, point.C, unit, column);
            for (int i = 0; i < n; i++)
            {
                double hij = h[i * n + j], hji = h[j * n + i];
                // A column of FHessian and the product with a unit vector did not round alike (why is not established),
                // as H[i, j] and H[j, i] do not below: an entry that cancels to nearly 0 (2.5e-11 against 5.8e-11, seed
                // 5YShZivb--q5) is judged against the size of the Hessian too, as the symmetry check is.
                if (!(Math.Abs(hij - column[i]) <= 1e-12 * (1 + Math.Abs(column[i]) + largest)))
                {
                    return $"FHessian[{i}, {j}] = {hij:R}, but the product with unit vector {j} has {column[i]:R} in row {i}";
                }

                // H[i, j] and H[j, i] come from different products, so they round differently: an entry that is 0 in
                // exact arithmetic can be eps-sized one way and exactly 0 the other.
                if (!(Math.Abs(hij - hji) <= 1e-9 * (Math.Abs(hij) + Math.Abs(hji)) + 1e-12 * (1 + largest)))
                {
                    return $"FHessian is not symmetric: [{i}, {j}] = {hij:R}, [{j}, {i}] = {hji:R}";
                }
            }
        }

        counts.Hessians++;
        return null;
    }

    /// <summary>
    /// The wrapper's output is (f - f²/2, f²) and its Jacobian has rows (1 - f) g and 2 f g, up to the
    /// rounding of the inlined body (the same operations) and of the products.
    /// </summary>
    private static string? CheckRows(Jacobian rows, Point point, double f, double[] g)
    {
        int n = g.Length;
        double[] output = { double.NaN, double.NaN };
        double[] jacobian = Enumerable.Repeat(double.NaN, 2 * n).ToArray();
        rows(point.V, point.K, point.C, output, jacobian);
        double[] expectedOutput = { f - 0.5 * (f * f), f * f };
        for (int i = 0; i < 2; i++)
        {
            if (!(Math.Abs(output[i] - expectedOutput[i]) <= 1e-12 * (1 + Math.Abs(expectedOutput[i]))))
            {
                return $"the vector wrapper's FJacobian writes output {i} = {output[i]:R}, expected {expectedOutput[i]:R}";
            }
        }

        double size = g.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int k = 0; k < n; k++)
        {
            double first = (1 - f) * g[k], second = 2 * f * g[k];
            if (!(Math.Abs(jacobian[k] - first) <= 1e-9 * (Math.Abs(first) + (1 + Math.Abs(f)) * size) + 1e-14)
                || !(Math.Abs(jacobian[n + k] - second) <= 1e-9 * (Math.Abs(second) + Math.Abs(f) * size) + 1e-14))
            {
                return $"the vector wrapper's FJacobian column {k} is ({jacobian[k]:R}, {jacobian[n + k]:R}), but the gradient gives ({first:R}, {second:R}) (f = {f:R}, gradient [{Join(g)}])";
            }
        }

        return null;
    }

    private static string? ThrowsToo(Exception expected, string name, Action call)
    {
        try
        {
            call();
        }
        catch (Exception e)
        {
            return e.GetType() == expected.GetType() ? null : $"the method threw {expected.GetType().Name}, {name} {e.GetType().Name}";
        }

        return $"the method threw {expected.GetType().Name}, {name} nothing";
    }

    /// <summary>The tangent along a zero direction: 0, unless a partial on the path is infinite (then NaN).</summary>
    private static double ZeroDirectionTangent(Methods m, Point point)
    {
        m.Tangent(point.V, point.K, point.C, new double[point.V.Length], out double tangent);
        return tangent;
    }

    /// <summary>
    /// Powers of two the direction is scaled down by. Scaling down is exact while a component stays a normal
    /// number: at 2^-1000 (9.3e-302; the smallest normal is 2.2e-308) components below 2^-22 (2.4e-7) in absolute
    /// value turn subnormal and round, and so do the method's internal tangents below that size, and tangents below
    /// about 5e-23 become 0. That can only make the scaled product differ from the differences (a false failure),
    /// never hide a wrong one: it is still compared with them. Seed 000dRAfc-w22 needs 2^-768; 2^-1000 is a margin.
    /// </summary>
    private static readonly int[] Downscales = { 64, 256, 512, 768, 1000 };

    /// <summary>
    /// The product along the direction computed as 2^k times the product along 2^-k times the direction, for
    /// the smallest k of <see cref="Downscales"/> that gives finite results; null when none does. The product is linear
    /// in the direction and every tangent in it is too, so this is the same product (powers of two scale
    /// exactly) with tangents small enough that a huge intermediate times its tangent no longer overflows:
    /// seed 0006xGLht5l7 has sum = 3.4e209 with tangent 5.3e212 inside an Atan, so the tangent of Atan's
    /// derivative, (2 tsum sum) dF / (1 + sum^2)^2, is infinity over infinity where its true value is about 0.
    /// Seed 000dRAfc-w22 needs more than 2^-512: sum = 5.2e243 with tangent 3.4e246, and sum times its tangent
    /// is still 1.3e336 at 2^-512 (an overflow), finite at 2^-768.
    /// </summary>
    private static double[]? ScaledProduct(Methods m, Point point, double[] direction)
    {
        foreach (int k in Downscales)
        {
            double down = Math.ScaleB(1.0, -k);
            double[] hv = new double[direction.Length];
            m.Product(point.V, point.K, point.C, direction.Select(d => d * down).ToArray(), hv);
            if (hv.All(double.IsFinite))
            {
                return hv.Select(x => Math.ScaleB(x, k)).ToArray();
            }
        }

        return null;
    }

    /// <summary>
    /// Compares the product with central differences of the gradient along the direction, component by
    /// component. Differences cannot judge a component whose gradient jumps within the step (a kink of
    /// Max, Min, Abs or relu, or a branch switching between x - h v and x + h v): there the estimates at
    /// steps 1e-5 and 1e-4 disagree, or the gradient at the point is not the mean of its neighbours' (a branch
    /// rounding decides at the point alone), and the point is skipped, as the first-order properties skip
    /// non-smooth points. Otherwise the product must match the differences at one of the steps 1e-6,
    /// 1e-5, 1e-4 (large intermediates make small steps noisy, truncation makes large ones coarse; a
    /// wrong product matches at none) to 1e-5 relative plus the differences' rounding error of about
    /// eps |g| / h.
    /// </summary>
    private static string? CompareWithDifferences(Gradient gradient, Point point, double[] direction, double[] g, double[] hv, out bool isChecked)
    {
        isChecked = false;
        int n = g.Length;
        double[] steps = { 1e-6, 1e-5, 1e-4 };
        var differences = new double[steps.Length][];
        double[] neighbourMean = Array.Empty<double>();
        var sizes = new double[steps.Length];
        for (int s = 0; s < steps.Length; s++)
        {
            double[] plus = new double[n], minus = new double[n];
            gradient(Moved(point.V, direction, steps[s]), point.K, point.C, plus);
            gradient(Moved(point.V, direction, -steps[s]), point.K, point.C, minus);
            differences[s] = Enumerable.Range(0, n).Select(i => (plus[i] - minus[i]) / (2 * steps[s])).ToArray();
            if (s == 1)
            {
                neighbourMean = Enumerable.Range(0, n).Select(i => (plus[i] + minus[i]) / 2).ToArray();
            }
            sizes[s] = plus.Concat(minus).Select(Math.Abs).DefaultIfEmpty(0).Max();
        }

        if (!hv.All(double.IsFinite))
        {
            // A second derivative that overflows where the first does not, even with the direction scaled down
            // (ScaledProduct): the differences must say so too, or the product is wrong.
            return differences[1].All(double.IsFinite) && differences[1].Zip(differences[2]).All(p => Math.Abs(p.First - p.Second) <= 1e-3 * (1 + Math.Abs(p.First)))
                ? $"FHessianVectorProduct gives [{Join(hv)}] where the gradient's differences are [{Join(differences[1])}]"
                : null;
        }

        for (int i = 0; i < n; i++)
        {
            double fine = differences[1][i], coarse = differences[2][i];
            if (!double.IsFinite(fine) || !double.IsFinite(coarse) || Math.Abs(fine - coarse) > 1e-3 * (1 + Math.Abs(fine)))
            {
                return null; // the gradient is not smooth within the step
            }

            // A branch decided at the point alone: both steps agree, but the point's own gradient is not between its
            // neighbours'. A hunt's case: s = c - x + |x| is one ulp below c at the point and equal to it at every step,
            // so `c > s ? s : x` takes s there and x around it; the product follows the point's branch, the
            // differences the neighbours'.
            if (Math.Abs(g[i] - neighbourMean[i]) > 1e-3 * (1 + Math.Abs(g[i])))
            {
                return null;
            }
        }

        for (int i = 0; i < n; i++)
        {
            bool matches = false;
            for (int s = 0; s < steps.Length && !matches; s++)
            {
                double d = differences[s][i];
                double rounding = 16 * 2.2e-16 * (1 + sizes[s] + Math.Abs(g[i])) / steps[s];
                matches = Math.Abs(hv[i] - d) <= 1e-5 * (1 + Math.Abs(d)) + rounding;
            }

            if (!matches)
            {
                return $"FHessianVectorProduct along [{Join(direction)}] gives {hv[i]:R} in coordinate {i}, central differences of FGradient {differences[1][i]:R} (product [{Join(hv)}], differences [{Join(differences[1])}])";
            }
        }

        isChecked = true;
        return null;
    }

    private static double[] Moved(double[] v, double[] direction, double h) => v.Select((x, i) => x + h * direction[i]).ToArray();

    private static string Join(double[] values) => string.Join(", ", values.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The type and method a diagnostic is reported in (SYMGRAD0023 is on the method's attribute).</summary>
    private static (string Type, string Name)? MethodAt(Diagnostic diagnostic, Compilation input)
    {
        // The generator's diagnostics carry a file path and lines (locations cached between runs), not a tree.
        string path = diagnostic.Location.GetLineSpan().Path;
        SyntaxTree? tree = diagnostic.Location.SourceTree ?? input.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
        if (tree is null)
        {
            return null;
        }

        // Such a location may carry only lines and columns (its span is empty): find the position from them.
        int position = diagnostic.Location.SourceSpan.IsEmpty
            ? tree.GetText().Lines.GetPosition(diagnostic.Location.GetLineSpan().StartLinePosition)
            : diagnostic.Location.SourceSpan.Start;
        MethodDeclarationSyntax? method = tree.GetRoot().FindToken(position).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        return method?.Parent is TypeDeclarationSyntax type ? (type.Identifier.Text, method.Identifier.Text) : null;
    }

    /// <summary>The [Differentiable] methods of a source, in order, with their parameters' kinds.</summary>
    private static List<Target> TargetsOf(string source, int arrayLength)
    {
        var targets = new List<Target>();
        foreach (MethodDeclarationSyntax method in CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (!method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Differentiable" or "DifferentiableAttribute"))
            {
                continue;
            }

            string type = ((TypeDeclarationSyntax)method.Parent!).Identifier.Text;
            string[] kinds = method.ParameterList.Parameters.Select(p =>
            {
                bool constant = p.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "NoDerivative" or "NoDerivativeAttribute");
                return (p.Type!.ToString(), constant) switch
                {
                    ("double", false) => "double",
                    ("double", true) => "constant",
                    ("double[]", false) => "double[]",
                    ("double[]", true) => "constant[]",
                    ("int", false) => "int",
                    _ => throw new NotSupportedException($"the second-order check cannot pass parameter '{p}' of {type}.{method.Identifier.Text}"),
                };
            }).ToArray();
            targets.Add(new Target(type, method.Identifier.Text, kinds, arrayLength));
        }

        return targets;
    }

    /// <summary>
    /// <c>SecondOrderChecks{i}</c>: per target j, <c>Value{j}</c>, <c>Gradient{j}</c>, <c>Tangent{j}</c>,
    /// <c>Product{j}</c> and <c>Hessian{j}</c> over flat vectors. Generated methods are called by
    /// position, so the names the generator gives their extra parameters do not matter.
    /// </summary>
    private static string Adapters(int program, List<Target> targets, List<Target> wrapped, HashSet<(string Type, string Name)> excluded)
    {
        var sb = new StringBuilder(program == 0 ? "using System;\n" : "").Append("public static class SecondOrderChecks").Append(program).Append("\n{\n");
        for (int j = 0; j < targets.Count; j++)
        {
            Target target = targets[j];
            int length = target.ArrayLength;
            var arguments = new List<string>();
            var arrays = new List<string>();
            var gradientOutputs = new List<string>();
            var tangents = new List<string>();
            var directions = new List<string>();
            var products = new List<string>();
            int offset = 0, ints = 0, constants = 0;
            foreach (string kind in target.Kinds)
            {
                switch (kind)
                {
                    case "double":
                        arguments.Add($"v[{offset}]");
                        gradientOutputs.Add($"out g[{offset}]");
                        tangents.Add($"t[{offset}]");
                        directions.Add($"w[{offset}]");
                        products.Add($"out hv[{offset}]");
                        offset++;
                        break;
                    case "double[]":
                        string array = "a" + arrays.Count;
                        arrays.Add($"double[] {array} = v[{offset}..{offset + length}];");
                        arguments.Add(array);
                        gradientOutputs.Add($"g.AsSpan({offset}, {length})");
                        tangents.Add($"t.AsSpan({offset}, {length})");
                        directions.Add($"w.AsSpan({offset}, {length})");
                        products.Add($"hv.AsSpan({offset}, {length})");
                        offset += length;
                        break;
                    case "constant[]":
                        string constantArray = "a" + arrays.Count;
                        arrays.Add($"double[] {constantArray} = c[{constants}..{constants + length}];");
                        arguments.Add(constantArray);
                        constants += length;
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
            string declare = string.Concat(arrays.Select(a => a + " "));
            string args = string.Join(", ", arguments);
            string With(IEnumerable<string> more) => string.Join(", ", arguments.Concat(more));
            sb.Append($"    public static double Value{j}(double[] v, int[] k, double[] c) {{ {declare}return {call}({args}); }}\n");
            sb.Append($"    public static double Gradient{j}(double[] v, int[] k, double[] c, double[] g) {{ {declare}return {call}Gradient({With(gradientOutputs)}); }}\n");
            sb.Append($"    public static double Tangent{j}(double[] v, int[] k, double[] c, double[] t, out double tangent) {{ {declare}return {call}Tangent({With(tangents.Append("out tangent"))}); }}\n");
            sb.Append($"    public static double Product{j}(double[] v, int[] k, double[] c, double[] w, double[] hv) {{ {declare}return {call}HessianVectorProduct({With(directions.Concat(products))}); }}\n");
            sb.Append($"    public static double Hessian{j}(double[] v, int[] k, double[] c, double[] g, double[] h) {{ {declare}return {call}Hessian({With(gradientOutputs.Append("h"))}); }}\n");
            int wrapper = wrapped.IndexOf(target);
            if (!excluded.Contains(("T" + program + "_Rows", "R" + wrapper)))
            {
                sb.Append($"    public static void Rows{j}(double[] v, int[] k, double[] c, double[] output, double[] jacobian) {{ {declare}T{program}_Rows.R{wrapper}Jacobian({With(new[] { "output", "jacobian" })}); }}\n");
            }
        }

        return sb.Append("}\n").ToString();
    }

    /// <summary>
    /// <c>T{i}_Rows.R{j}</c>, a vector-valued method per target: <c>output[0] = f(...)</c>, then
    /// <c>output[1] = output[0]²</c> and <c>output[0] -= output[1] / 2</c> (the output read and
    /// overwritten), so its Jacobian rows are (1 - f) g and 2 f g. The call of f is inlined.
    /// </summary>
    private static string RowsWrapper(int program, List<Target> targets)
    {
        var sb = new StringBuilder("\npublic static partial class T").Append(program).Append("_Rows\n{\n");
        for (int j = 0; j < targets.Count; j++)
        {
            Target target = targets[j];
            string[] parameters = target.Kinds.Select((kind, p) => kind switch
            {
                "constant" => "[NoDerivative] double p" + p,
                "constant[]" => "[NoDerivative] double[] p" + p,
                _ => kind + " p" + p,
            }).ToArray();
            string arguments = string.Join(", ", target.Kinds.Select((_, p) => "p" + p));
            sb.Append("    [Differentiable(Tangent = true)]\n    public static void R").Append(j).Append('(').Append(string.Join(", ", parameters.Append("Span<double> output"))).Append(")\n    {\n")
                .Append("        output[0] = ").Append(target.Type).Append('.').Append(target.Name).Append('(').Append(arguments).Append(");\n")
                .Append("        output[1] = output[0] * output[0];\n")
                .Append("        output[0] = output[0] - 0.5 * output[1];\n    }\n");
        }

        return sb.Append("}\n").ToString();
    }

    /// <summary>The first problems, each with the complete source of the program it is in (traced by its file or its types' prefix).</summary>
    private static string Describe(IEnumerable<Diagnostic> problems, IReadOnlyList<Program> programs)
    {
        var text = new StringBuilder();
        foreach (IGrouping<int, Diagnostic> group in problems.GroupBy(d => ProgramOf(d, programs)).Take(3))
        {
            text.Append(string.Join("\n", group.Take(3))).Append('\n');
            if (group.Key >= 0)
            {
                text.Append(programs[group.Key].Describe()).Append('\n');
            }
        }

        return text.ToString();
    }

    private static int ProgramOf(Diagnostic diagnostic, IReadOnlyList<Program> programs)
    {
        string path = diagnostic.Location.SourceTree?.FilePath ?? "";
        if (path.StartsWith("Source", StringComparison.Ordinal) && int.TryParse(path["Source".Length..^".cs".Length], out int index))
        {
            return index;
        }

        Match match = Regex.Match(path, @"(?:T|G|SecondOrderChecks)(\d+)");
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is int i && i < programs.Count ? i : -1;
    }
}
