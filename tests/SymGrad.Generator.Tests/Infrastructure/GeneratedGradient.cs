using System;
using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// The generated gradient's source for tests that assert its shape. Kept apart from <see cref="GeneratorHarness"/>,
/// which the fuzzing tool (<c>tests/SymGrad.Fuzz</c>, no xunit) compiles too.
/// </summary>
public static class GeneratedGradient
{
    /// <summary>
    /// The generated gradient of one <c>[Differentiable]</c> method <c>F</c> (its source up to <c>FPullback</c>), from
    /// <see cref="GeneratorHarness.RunMembers"/>; asserts the generator reported nothing and its output compiles.
    /// </summary>
    public static string Of(string namespaceName, string method)
    {
        GeneratorRun run = GeneratorHarness.RunMembers(namespaceName, "[Differentiable]\n" + method);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string source = run.Generated.Single().Source;
        int pullback = source.IndexOf("public static " + (method.Contains("float F(") ? "float" : "double") + " FPullback", StringComparison.Ordinal);
        Assert.True(pullback >= 0, "no FPullback in the generated source");
        return source[..pullback];
    }
}
