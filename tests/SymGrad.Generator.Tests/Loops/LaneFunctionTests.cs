using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// The row lanes' groups and last rows in static local functions of their own (<c>Emission/LocalFunctions</c>): which
/// printed blocks can stand alone and with which parameters (<see cref="FreeVariables"/>), and the gradients that use
/// them. Every generated gradient with row lanes is checked against finite differences in the consumer tests
/// (<c>RowLaneGradientTests</c>, the samples' models); these check the reading of the printed code, which decides
/// whether a block may move.
/// </summary>
public class LaneFunctionTests
{
    private const string Method = """
        /// <summary>A method.</summary>
        [global::System.CodeDom.Compiler.GeneratedCode("SymGrad", "1.0")]
        public static double FGradient(double[] w, global::System.ReadOnlySpan<double> x, int n, ref double seed, out double dScale, global::System.Span<double> dw)
        {
            double total = 0.0;
            global::SymGrad.ValueTape tape = new global::SymGrad.ValueTape(16);
            {
                double closed = 1.0;
            }

            for (int tileStart = 0; tileStart < n; tileStart += 64)
            {
                global::System.Span<double> scratch = dw;
                int i = tileStart;
                double unassigned;
                var guessed = 2.0;

        """;

    private static List<FunctionParameter>? Parameters(string block) =>
        FreeVariables.Of(Method, block, MethodText.Parameters(Method));

    [Fact]
    public void ABlocksFreeVariablesBecomeParametersInOrderOfUseAssignedOnesByRef()
    {
        List<FunctionParameter>? parameters = Parameters("""
            for (; i + 8 <= n; i += 8)
            {
                double s = w[i] * x[i];
                scratch[i] = s;
                total += s;
                tape.Push(s);
            }

            """);

        Assert.NotNull(parameters);
        Assert.Equal(
            new[] { "ref int i", "int n", "double[] w", "global::System.ReadOnlySpan<double> x", "global::System.Span<double> scratch", "ref double total", "ref global::SymGrad.ValueTape tape" },
            parameters!.Select(p => p.Declaration));
        Assert.Equal(new[] { "ref i", "n", "w", "x", "scratch", "ref total", "ref tape" }, parameters.Select(p => p.Argument));
    }

    [Fact]
    public void ARefParameterPassesByRefAndTheClassesNamesAreNotPassed()
    {
        List<FunctionParameter>? parameters = Parameters("""
            if (i < n)
            {
                double s = global::System.Math.Exp(seed) + Helper(w[0]) + Constant;
                total += s;
            }

            """);

        Assert.NotNull(parameters);
        Assert.Equal(new[] { "i", "n", "ref seed", "w", "ref total" }, parameters!.Select(p => p.Argument));
        Assert.Contains("ref double seed", parameters.Select(p => p.Declaration));
    }

    [Theory]
    [InlineData("scratch = dw;", "a span it assigns")]
    [InlineData("total += unassigned;", "a local that may be unassigned")]
    [InlineData("total += guessed;", "a local declared with var")]
    [InlineData("dScale = 1.0;", "an out parameter")]
    [InlineData("total += closed;", "a local of a closed block")]
    [InlineData("return total;", "a return")]
    [InlineData("(total, i) = (1.0, 2);", "a deconstruction")]
    [InlineData("if (i > n)\n{\n    break;\n}", "a break that may leave the block")]
    public void ABlockThatCouldMeanSomethingElseStaysInPlace(string statement, string why)
    {
        Assert.True(Parameters("{\n" + statement + "\n}\n") is null, why);
    }

    [Fact]
    public void AnOuterVariableTheReadingDoesNotPlaceKeepsTheBlockInPlace()
    {
        string method = Method + "foreach (double v in w)\n{\n";
        Assert.Null(FreeVariables.Of(method, "{\n    total += v;\n}\n", MethodText.Parameters(method)));

        // A foreach inside the block declares its own variable: nothing to pass.
        Assert.NotNull(Parameters("{\n    foreach (double item in w)\n    {\n        total += item;\n    }\n}\n"));
    }

    [Fact]
    public void AForHeadersVariableIsVisibleInsideItsOpenLoop()
    {
        List<FunctionParameter>? parameters = Parameters("{\n    total += tileStart;\n}\n");
        Assert.NotNull(parameters);
        Assert.Equal(new[] { "ref total", "tileStart" }, parameters!.Select(p => p.Argument));
    }

    [Fact]
    public void ABlockDeclaringANameTheMethodDeclaresIsAMisreadingAndStays()
    {
        // C# forbids it; were the reading to find it, the block would be misread.
        Assert.Null(Parameters("{\n    double total = 1.0;\n    w[0] = total;\n}\n"));
    }

    [Theory]
    [InlineData("double a = 1.0;", "double", "a", true)]
    [InlineData("global::System.Span<global::System.Runtime.Intrinsics.Vector512<double>> lanes = default;", "global::System.Span<global::System.Runtime.Intrinsics.Vector512<double>>", "lanes", true)]
    [InlineData("global::System.ValueTuple<double, int> pair;", "global::System.ValueTuple<double, int>", "pair", false)]
    [InlineData("for (int c = 0; c < k; c++)", "int", "c", true)]
    [InlineData("double[] buffer = rowLanes ? Rent(1) : Empty;", "double[]", "buffer", true)]
    public void DeclarationsAreRead(string line, string type, string name, bool initialized)
    {
        Assert.True(PrintedCode.TryReadDeclaration(line, out string readType, out string readName, out bool readInitialized));
        Assert.Equal((type, name, initialized), (readType, readName, readInitialized));
    }

    [Theory]
    [InlineData("total += a;")]
    [InlineData("a = b == c;")]
    [InlineData("return total;")]
    [InlineData("else total = 1.0;")]
    [InlineData("hidden[u] = s;")]
    [InlineData("global::SymGrad.Lanes.Store(scales, 0, da);")]
    [InlineData("(double, int) pair = (1.0, 2);")]
    public void StatementsAreNotDeclarations(string line)
    {
        Assert.False(PrintedCode.TryReadDeclaration(line, out _, out _, out _));
    }

    [Fact]
    public void NamesSkipMembersCommentsLiteralsAndKeywordsAndSeeHowTheyAreUsed()
    {
        List<(string Name, PrintedCode.Use Use)>? names = PrintedCode.Names("""
            // total is in a comment
            double s = global::System.Math.Max(a.Length, b) + c; /* d */
            e++;
            --f;
            g <<= 1;
            h[0] = "total";
            Call(ref k, out l, in m, n: o);
            p.Push(q == r ? t : u);
            """);

        Assert.NotNull(names);
        var byName = names!.ToDictionary(n => n.Name, n => n.Use);
        Assert.Equal(new[] { "s", "a", "b", "c", "e", "f", "g", "h", "Call", "k", "l", "m", "n", "o", "p", "q", "r", "t", "u" }, names.Select(n => n.Name));
        Assert.All(new[] { "s", "e", "f", "g", "k", "l" }, n => Assert.True(byName[n].Assigned, n));
        Assert.All(new[] { "a", "b", "c", "h", "m", "o", "q", "r", "t", "u" }, n => Assert.False(byName[n].Assigned, n));
        Assert.True(byName["p"].Receiver);
        Assert.True(byName["a"].Receiver);
        Assert.Null(PrintedCode.Names("string z = $\"{total}\";"));
    }

    [Fact]
    public void RangesAndNullForgivingReceiversAreRead()
    {
        List<(string Name, PrintedCode.Use Use)>? names = PrintedCode.Names("double s = Sum(v[1..n]) + Sum(v[lo..hi]);\ntape!.Push(s);\n");
        Assert.NotNull(names);
        Assert.Equal(new[] { "s", "Sum", "v", "n", "lo", "hi", "tape" }, names!.Select(n => n.Name));
        Assert.True(names.Single(n => n.Name == "tape").Use.Receiver);
    }

    [Fact]
    public void ABraceSharingItsLineStopsTheReading()
    {
        // } while (...); closes a block whose t would otherwise look open; t is then not placed, and the block stays.
        string method = Method + "do\n{\n    double t = 0.5;\n} while (i < 2);\nfor (int q = 0; q < n; q++)\n{\n    double acc = 0.0;\n";
        Assert.Null(FreeVariables.Of(method, "{\n    acc += t / 2;\n}\n", MethodText.Parameters(method)));
        Assert.NotNull(FreeVariables.Of(method, "{\n    acc += q;\n}\n", MethodText.Parameters(method)));
    }

    [Theory]
    [InlineData("yield break;")]
    [InlineData("total += await Next();")]
    public void ContextualKeywordsThatLeaveOrSuspendKeepTheBlock(string statement)
    {
        Assert.Null(Parameters("for (; i < n; i++)\n{\n    " + statement + "\n}\n"));
    }

    [Fact]
    public void AFunctionsNameIsNoneTheSourceCouldNumberLater()
    {
        // The source's local RowGroups may come out as RowGroups2 further down the method: the functions take another stem.
        var writer = new IndentedWriter();
        var functions = new LocalFunctions(0, new[] { "RowGroups", "w" });
        writer.Functions = functions;
        writer.Lines(Method);
        writer.Block("RowGroups", "The groups", block => block.Lines("{\n    total += w[i];\n}\n"));
        writer.Block("Other", "Another", block => block.Lines("{\n    total += w[n];\n}\n"));
        functions.WriteDeclarations(writer);
        string text = writer.ToString();
        Assert.Contains("RowGroups_1(ref total, w, i);", text);
        Assert.Contains("Other1(ref total, w, n);", text);
        Assert.Contains("static void RowGroups_1(ref double total, double[] w, int i)", text);
    }

    [Fact]
    public void ANameAfterACommentThatEndsInADotIsStillAName()
    {
        // A source line echoed in a comment and cut short ("...") came before gX2 += ...: read backwards from the name,
        // the dot made it a member, so the function did not take gX2 and the build broke (CallGraphProperties found it).
        List<(string Name, PrintedCode.Use Use)>? names = PrintedCode.Names("// Line 18: s += x * (SymMath.Dot(w...\ngX2 += 0.5;\n");
        Assert.NotNull(names);
        Assert.Equal(new[] { "gX2" }, names!.Select(n => n.Name));
        Assert.True(names[0].Use.Assigned);
    }

    [Theory]
    [InlineData("RowGroups1(rowLanes, ref i);", true)]
    [InlineData("@RowGroups1 = 2;", true)]
    [InlineData("RowGroups10(rowLanes);", false)]
    [InlineData("LastRowGroups1(rowLanes);", false)]
    [InlineData("RowGroups1_(rowLanes);", false)]
    public void AWholeNameIsFoundAndAPartOfALongerOneIsNot(string text, bool found) =>
        Assert.Equal(found, MethodText.ContainsWord(text, "RowGroups1"));

    [Fact]
    public void TheSoftmaxGradientsGroupsAndLastRowsRunInTheirFunctions()
    {
        string gradient = GeneratedGradient.Of("LaneFunctions", SoftmaxMethod(SoftmaxRows + "\n" + "return total;"));

        // The method calls the tiles in lanes (RowLaneTiles1) when the rows run in lanes, and else runs the rows one at a
        // time itself; the tiles' function calls the groups and the last rows. The functions follow the return.
        int tilesCall = gradient.IndexOf("RowLaneTiles1(rowLanes, ", System.StringComparison.Ordinal);
        int rowsOneAtATime = gradient.IndexOf("for (int i = tileStart; i < tileEnd; i++)", System.StringComparison.Ordinal);
        int returned = gradient.IndexOf("return total;", System.StringComparison.Ordinal);
        int function = gradient.IndexOf("static void RowGroups1(bool rowLanes, ref int i, ", System.StringComparison.Ordinal);
        int lastFunction = gradient.IndexOf("static void LastRows1(bool rowLanes, ref int i, ", System.StringComparison.Ordinal);
        int tilesFunction = gradient.IndexOf("static void RowLaneTiles1(bool rowLanes, ", System.StringComparison.Ordinal);
        int call = gradient.IndexOf("RowGroups1(rowLanes, ref i, ", tilesFunction, System.StringComparison.Ordinal);
        int lastCall = gradient.IndexOf("LastRows1(rowLanes, ref i, ", tilesFunction, System.StringComparison.Ordinal);
        Assert.True(tilesCall > 0 && tilesCall < rowsOneAtATime && rowsOneAtATime < returned && returned < function && function < lastFunction && lastFunction < tilesFunction && tilesFunction < call && call < lastCall, "calls in place, functions after the return");
        Assert.Contains("ref double total", gradient[function..lastFunction]);
        Assert.Contains(GradientEmitterAttribute + "\n", gradient[returned..function]);
        Assert.Contains("for (; rowLanes && i + global::SymGrad.Lanes.Count <= tileEnd; i += global::SymGrad.Lanes.Count)", gradient[function..lastFunction]);
        Assert.Contains("if (rowLanes && i < tileEnd)", gradient[lastFunction..tilesFunction]);
        Assert.DoesNotContain("for (; i < tileEnd; i++)", gradient);
    }

    [Fact]
    public void TwoRowLoopsInLanesGetFunctionsOfTheirOwn()
    {
        // Each row loop's tiles in lanes are a function, and so are the groups and last rows inside them: the second
        // loop's functions are numbered after the first's even though their calls sit in the first's function (a random
        // call graph once had two RowGroups1, which did not compile).
        string gradient = GeneratedGradient.Of("TwoLaneLoops", SoftmaxMethod(SoftmaxRows + """

                double[] z2 = new double[k];
                for (int i = 0; i < m; i++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        double s = 0.0;
                        for (int j = 0; j < n; j++)
                        {
                            s += w[c * n + j] * w[c * n + j] * x[i * n + j];
                        }

                        z2[c] = s;
                    }

                    double sum = 0.0;
                    for (int c = 0; c < k; c++)
                    {
                        sum += Math.Exp(z2[c]);
                    }

                    total += Math.Log(sum) - z2[y[i]];
                }

                return total;
                """));
        foreach (string function in new[] { "RowLaneTiles1", "RowLaneTiles2", "RowGroups1", "RowGroups2", "LastRows1", "LastRows2" })
        {
            Assert.Contains("static void " + function + "(", gradient);
        }
    }

    /// <summary>A softmax classifier's rows (the body's first statements): its row loop runs in lanes.</summary>
    private const string SoftmaxRows = """
                double[] z = new double[k];
                double total = 0.0;
                for (int i = 0; i < m; i++)
                {
                    double max = double.NegativeInfinity;
                    for (int c = 0; c < k; c++)
                    {
                        double s = 0.0;
                        for (int j = 0; j < n; j++)
                        {
                            s += w[c * n + j] * x[i * n + j];
                        }

                        z[c] = s;
                        max = Math.Max(max, s);
                    }

                    double sum = 0.0;
                    for (int c = 0; c < k; c++)
                    {
                        sum += Math.Exp(z[c] - max);
                    }

                    total += max + Math.Log(sum) - z[y[i]];
                }
""";

    private static string SoftmaxMethod(string body) =>
        "public static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] int[] y, int m, int n, int k)\n{\n" + body + "\n}\n";

    private static string GradientEmitterAttribute => GradientEmitter.LoopOptimizationAttribute;
}
