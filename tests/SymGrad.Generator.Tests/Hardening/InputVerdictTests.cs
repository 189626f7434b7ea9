using Xunit;

namespace SymGrad.Generator.Tests.Hardening;

/// <summary>The fuzzing command's judgement of an input, on inputs whose outcome is known.</summary>
public class InputVerdictTests
{
    private const string Header = "using System;\nusing SymGrad;\npublic static partial class M\n{\n";

    [Fact]
    public void ASupportedMethodIsAccepted()
    {
        InputVerdict verdict = InputVerdict.Judge(Header + "[Differentiable] public static double F(double x) => Math.Sin(x) * x;\n}\n");

        Assert.Equal(InputOutcome.Accepted, verdict.Outcome);
        Assert.False(verdict.Outcome.IsFailure());
    }

    [Fact]
    public void AnUnsupportedConstructIsRejectedBySymGrad()
    {
        InputVerdict verdict = InputVerdict.Judge(Header + "[Differentiable] public static double F(double x) { while (x > 1) { x -= 1; } return x; }\n}\n");

        Assert.Equal(InputOutcome.RejectedBySymGrad, verdict.Outcome);
        Assert.Equal("SYMGRAD0017", verdict.Signature);
    }

    [Fact]
    public void ACSharpErrorInTheUsersCodeIsRejectedByCSharp()
    {
        InputVerdict verdict = InputVerdict.Judge(Header + "[Differentiable] public static double F(double x) => x * undefinedName;\n}\n");

        Assert.Equal(InputOutcome.RejectedByCSharp, verdict.Outcome);
    }

    [Fact]
    public void AnErrorInGeneratedCodeIsAFailure()
    {
        // The user's code compiles on its own, but already declares the method the generator adds. This is
        // itself a generator defect (name collisions, being fixed elsewhere): once the generator reports it
        // with a SYMGRAD diagnostic, this test needs another input that breaks only the generated code.
        InputVerdict verdict = InputVerdict.Judge(Header + "[Differentiable] public static double F(double x) => x * x;\n"
            + "public static double FGradient(double x, out double dx) { dx = 2 * x; return x * x; }\n}\n");

        Assert.Equal(InputOutcome.GeneratedCodeError, verdict.Outcome);
        Assert.True(verdict.Outcome.IsFailure());
    }
}
