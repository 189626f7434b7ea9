using System.Linq;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Inner loops of row lanes printed as calls (docs/how-it-works.md, "Row lanes"): a layer's products of a private row
/// (<c>Lanes.Dot</c>, or <c>Lanes.Dots</c> for a whole class loop's dots before it), its updates (<c>Lanes.AddScaled</c>) and the product by its matrix's transpose taken out of the
/// class loop (<c>Lanes.AddTransposedProducts</c>), and the loops that keep their form. The gradients are checked against
/// finite differences and their <c>ExactSums</c> twins in the consumer tests (<c>RowLoopCallGradientTests</c>).
/// </summary>
public class RowLoopCallTests
{
    /// <summary>A sigmoid layer into a private row a, a linear layer into z with <paramref name="output"/>, then LogSumExp.</summary>
    private static string Network(string type, string output = "z[c] = s;") => Network(type, output, "for (int c = 0; c < k; c++)", "h");

    /// <summary>The network with the class loop's header <paramref name="classLoop"/> and its inner loop running to <paramref name="innerEnd"/>.</summary>
    private static string Network(string type, string output, string classLoop, string innerEnd) => $$"""
        public static {{type}} F({{type}}[] w1, {{type}}[] w2, [NoDerivative] {{type}}[] x, int m, int n, int h, int k)
        {
            {{type}}[] a = new {{type}}[h];
            {{type}}[] z = new {{type}}[k];
            {{type}} total = 0;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < h; j++)
                {
                    {{type}} s = 0;
                    for (int t = 0; t < n; t++)
                    {
                        s += w1[j * n + t] * x[i * n + t];
                    }

                    a[j] = SymMath.Sigmoid(s);
                }

                {{classLoop}}
                {
                    {{type}} s = 0;
                    for (int j = 0; j < {{innerEnd}}; j++)
                    {
                        s += w2[c * h + j] * a[j];
                    }

                    {{output}}
                }

                total += SymMath.LogSumExp(z);
            }

            return total;
        }
        """;

    private static string Gradient(string method) => GeneratedGradient.Of("RowLoops", method);

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void AnOutputLayersLoopsAreCalls(string type)
    {
        string generated = Gradient(Network(type));

        // The class loop's dots, one call before it (each in z[c]); the loop adds z[c] where its inner loop was.
        Assert.Contains("// for (int c = 0; c < k; c++) for (int j = 0; j < h; j++) s2 += w2[c * h + j] * a[j];", generated);
        string dots = "global::SymGrad.Lanes.Dots(zLanes, 0, 1, k, w2, 0, h, aLanesRead, 0, h);";
        Assert.Contains(dots, generated);
        Assert.StartsWith("for (int c = 0; c < k; c++)", generated[(generated.IndexOf(dots, System.StringComparison.Ordinal) + dots.Length)..].TrimStart());
        Assert.Contains("s2 += zLanes[c];", generated);
        Assert.DoesNotContain("Lanes.Dot(w2", generated);
        Assert.DoesNotContain("s2Part", generated);

        // The calls read a through its view, made once before the tiles (in the function of the tiles in lanes); da,
        // which no call only reads, has none.
        string vector = "global::System.Runtime.Intrinsics.Vector512<" + type + ">";
        Assert.Contains("global::System.ReadOnlySpan<" + vector + "> aLanesRead = aLanes;", generated);
        Assert.DoesNotContain("daLanesRead", generated);
        int view = generated.IndexOf("aLanesRead = aLanes;", System.StringComparison.Ordinal);
        Assert.True(view > generated.IndexOf("static void RowLaneTiles1(", System.StringComparison.Ordinal));
        Assert.True(view < generated.IndexOf("while (tileStart < m)", view, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("double", "Count", "KeptTiles")]
    [InlineData("float", "SingleCount", "SingleKeptTiles")]
    public void TheOutputLayersWeightUpdatesAreKeptForTheTile(string type, string count, string keptTiles)
    {
        string generated = Gradient(Network(type));
        string group = "(i - tileStart) / global::SymGrad.Lanes." + count;

        // Each group of whole rows keeps dz and a, at its place after the groups kept before its tile, before the
        // reversed class loop, which no longer adds to dw2 ...
        string keepScales = "global::SymGrad.Lanes.Keep(dzLanesRead, 0, k, dzKept, keptGroups + " + group + ");";
        Assert.Contains("// for (int c = k - 1; c >= 0; c--) for (int j = 0; j < h; j++) dw2[c * h + j] += dZElement * a[j];", generated);
        Assert.Contains(keepScales, generated);
        Assert.Contains("global::SymGrad.Lanes.Keep(aLanesRead, 0, h, aKept, keptGroups + " + group + ");", generated);
        Assert.DoesNotContain("AddScaled(dw2Lanes", generated);

        // ... the tile counts its groups, and one call adds the kept products before a tile's last rows (which add theirs
        // element by element under their mask) or when another tile's groups might not fit ...
        string add = "global::SymGrad.Lanes.AddKeptProducts(dw2Lanes, 0, h, k, dzKept, aKept, h, keptGroups);";
        string perTile = "global::SymGrad.Kernels.TileSize / global::SymGrad.Lanes." + count;
        string flush = "if (i < tileEnd || keptGroups > (keptTiles - 1) * (" + perTile + "))";
        // (The groups and the last rows run in local functions of their own, declared after the return.)
        int counted = generated.IndexOf("keptGroups += " + group + ";", System.StringComparison.Ordinal);
        int at = generated.IndexOf(flush, System.StringComparison.Ordinal);
        Assert.True(counted > generated.IndexOf("RowGroups1(rowLanes, ref i, ", System.StringComparison.Ordinal));
        Assert.True(at > counted);
        Assert.StartsWith("{" + add + "keptGroups = 0;}", string.Concat(generated[(at + flush.Length)..].Split('\n').Take(5).Select(l => l.Trim())));
        Assert.True(at < generated.IndexOf("// The last rows,", System.StringComparison.Ordinal));
        Assert.True(at < generated.IndexOf("LastRows1(rowLanes, ref i, ", System.StringComparison.Ordinal));
        Assert.True(generated.IndexOf(keepScales, System.StringComparison.Ordinal) > generated.IndexOf("static void RowGroups1(", System.StringComparison.Ordinal));
        Assert.Contains("dw2Lanes[c * h + j] += global::System.Runtime.Intrinsics.Vector512.ConditionalSelect(lastRows, dZElement * aLanes[j]", generated);

        // ... and once more after the tiles, before the sums' lanes are added to their arrays.
        Assert.Equal(2, generated.Split(add).Length - 1);
        int last = generated.LastIndexOf(add, System.StringComparison.Ordinal);
        Assert.True(last > at + flush.Length + add.Length);
        Assert.True(last < generated.IndexOf("global::SymGrad.Lanes.AddSums(dw2, dw2Lanes);", System.StringComparison.Ordinal));

        // The kept rows are rented once before the tiles: keptTiles tiles' groups of each, Lanes.KeptTiles (float:
        // SingleKeptTiles) when the rows' vectors fit with them, else one; the count starts at zero.
        Assert.Contains("int keptTiles = rowLanes && global::SymGrad.Lanes.FitsRows(", generated);
        Assert.Contains(" + (long)(global::SymGrad.Lanes." + keptTiles + " - 1) * ((long)" + perTile + " * global::System.Math.Max(0, k) + (long)" + perTile + " * global::System.Math.Max(0, h))) ? global::SymGrad.Lanes." + keptTiles + " : 1;", generated);
        string groups = "keptTiles * (" + perTile + ")";
        Assert.Contains("rowLanes ? global::SymGrad.Lanes.PerRow(dzKeptBuffer, " + groups + " * global::System.Math.Max(0, k)) : default;", generated);
        int tiles = generated.IndexOf("static void RowLaneTiles1(", System.StringComparison.Ordinal);
        Assert.True(generated.IndexOf("aKeptBuffer = ", tiles, System.StringComparison.Ordinal) < generated.IndexOf("while (tileStart < m)", tiles, System.StringComparison.Ordinal));
        Assert.True(generated.IndexOf("int keptGroups = 0;", tiles, System.StringComparison.Ordinal) < generated.IndexOf("while (tileStart < m)", tiles, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("double")]
    [InlineData("float")]
    public void TheProductByTheTransposeRunsBeforeTheClassLoop(string type)
    {
        string generated = Gradient(Network(type));
        string call = "global::SymGrad.Lanes.AddTransposedProducts(daLanes, 0, dzLanesRead, k - 1, -1, k, w2, 0, h, h);";
        Assert.Contains(call, generated);
        Assert.Contains("// for (int c = k - 1; c >= 0; c--) for (int j = 0; j < h; j++) da[j] += dZElement * w2[c * h + j];", generated);

        // Before the reversed class loop, which no longer adds to da.
        int at = generated.IndexOf(call, System.StringComparison.Ordinal);
        Assert.StartsWith("for (int c = k - 1; c >= 0; c--)", generated[(at + call.Length)..].TrimStart());
        Assert.DoesNotContain("daLanes[j] +=", generated);
    }

    [Fact]
    public void AClassLoopWhoseDotsChangeLengthKeepsADotPerClass()
    {
        // The inner loop's length depends on c: no fixed count for every row of the matrix.
        string generated = Gradient(Network("double", "z[c] = s;", "for (int c = 0; c < k; c++)", "h - c"));
        Assert.DoesNotContain("Lanes.Dots(", generated);
        Assert.Contains("s2 += global::SymGrad.Lanes.Dot(w2, c * h, aLanesRead, 0, h - c);", generated);
    }

    [Fact]
    public void AClassLoopThatStoresAnotherValueStillTakesItsDots()
    {
        // What z[c] receives does not matter: z[c] is read back before iteration c writes it.
        string generated = Gradient(Network("double", "z[c] = s + 0.5 * a[c];"));
        Assert.Contains("global::SymGrad.Lanes.Dots(zLanes, 0, 1, k, w2, 0, h, aLanesRead, 0, h);", generated);
    }

    [Fact]
    public void AClassLoopThatAlsoAddsToTheRowKeepsItsUpdates()
    {
        // z[c] also reads a[c]: the reversed class loop adds to da[c] itself, so the products stay in the loop (as calls).
        string generated = Gradient(Network("double", "z[c] = s + 0.5 * a[c];"));
        Assert.DoesNotContain("AddTransposedProducts", generated);
        Assert.Contains("global::SymGrad.Lanes.AddScaled(daLanes, 0, dZElement, w2, c * h, h);", generated);
    }

    [Fact]
    public void AProductOfTwoPrivateRowsIsADotOfLanesAndItsReverseAddsInLocals()
    {
        string generated = Gradient("""
            public static double F(double[] w, double[] v, [NoDerivative] double[] x, int m, int n, int h)
            {
                double[] a = new double[h];
                double[] b = new double[h];
                double total = 0.0;
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < h; j++)
                    {
                        double s = 0.0;
                        double t = 0.0;
                        for (int q = 0; q < n; q++)
                        {
                            s += w[j * n + q] * x[i * n + q];
                            t += v[j * n + q] * x[i * n + q];
                        }

                        a[j] = SymMath.Sigmoid(s);
                        b[j] = SymMath.Sigmoid(t);
                    }

                    double product = 0.0;
                    for (int j = 0; j < h; j++)
                    {
                        product += a[j] * b[j];
                    }

                    total += SymMath.Softplus(product);
                }

                return total;
            }
            """);
        Assert.Contains("product += global::SymGrad.Lanes.Dot(aLanesRead, 0, bLanesRead, 0, h);", generated);
        // The reverse's adds into da and db move into the next loop over j, which reads them: each element in a local
        // (AdjointLoopFusion), no lane arrays for them.
        Assert.Contains("daValue += dProduct * bLanes[j];", generated);
        Assert.Contains("dbValue += dProduct * aLanes[j];", generated);
        Assert.DoesNotContain("daLanes", generated);
    }

    [Fact]
    public void ExactSumsKeepsTheLoops()
    {
        GeneratorRun run = GeneratorHarness.RunMembers("RowLoops", "[Differentiable(ExactSums = true)]\n" + Network("double"));
        Assert.Empty(run.OutputProblems);
        string generated = run.Generated.Single().Source;
        Assert.DoesNotContain("global::SymGrad.Lanes.", generated);
    }
}
