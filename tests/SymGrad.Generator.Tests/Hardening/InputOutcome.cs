namespace SymGrad.Generator.Tests.Hardening;

/// <summary>What the generator did with one input, worst first.</summary>
public enum InputOutcome
{
    /// <summary>The generator threw (CS8785, all of its output dropped) or reported SYMGRAD0099, its internal error.</summary>
    GeneratorException,

    /// <summary>The user's code is free of errors but the generated code has an error or a warning.</summary>
    GeneratedCodeError,

    /// <summary>The generator rejected a method with a SYMGRAD error diagnostic.</summary>
    RejectedBySymGrad,

    /// <summary>The user's own code has C# errors (the generator's output is not judged then).</summary>
    RejectedByCSharp,

    /// <summary>Every method was differentiated and everything compiles without errors or warnings.</summary>
    Accepted,
}

internal static class InputOutcomeExtensions
{
    /// <summary>Whether the outcome is a defect of the generator.</summary>
    public static bool IsFailure(this InputOutcome outcome) => outcome is InputOutcome.GeneratorException or InputOutcome.GeneratedCodeError;
}
