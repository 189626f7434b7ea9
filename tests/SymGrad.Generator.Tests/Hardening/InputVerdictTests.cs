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
        InputVerdict verdict = InputVerdict.Judge(Header + "[Differentiable] public static double F(double x) { for (int i = 1; i < 9; i *= 2) { x -= 1; } return x; }\n}\n");

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
        // The user's code compiles on its own (with warning CS0436, a type shadowing the runtime's), but the
        // generated code then calls a 'ValueTape' without Push and Pop. SymGrad does not guard against a user
        // type that replaces its own runtime's, so this input breaks only the generated code.
        InputVerdict verdict = InputVerdict.Judge("using System;\nusing SymGrad;\nnamespace SymGrad { public sealed class ValueTape { } }\n"
            + "public static partial class M\n{\n"
            + "[Differentiable] public static double F(double[] a, double x) { double s = x; for (int i = 0; i < a.Length; i++) s = Math.Sin(s * a[i]); return s; }\n}\n");

        Assert.Equal(InputOutcome.GeneratedCodeError, verdict.Outcome);
        Assert.True(verdict.Outcome.IsFailure());
    }
}
